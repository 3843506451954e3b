package dev.roster.bootstrap;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Test helper: every value of every column of every table of the schema Roster uses, as text, so that a test can
 * show that a value is stored nowhere (not only not where it expects it). Binary values appear as hex and as
 * ISO-8859-1 text.
 */
@Singleton
public final class DatabaseDump {
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    DatabaseDump(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** One line per row of every table: {@code table: value | value | ...}. */
    public List<String> rows() {
        return transactions.executeRead(status -> {
            List<String> dump = new ArrayList<>();
            for (String table : tables()) {
                jdbc.prepareStatement("SELECT * FROM " + table, statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        ResultSetMetaData columns = rows.getMetaData();
                        while (rows.next()) {
                            StringBuilder line = new StringBuilder(table).append(':');
                            for (int i = 1; i <= columns.getColumnCount(); i++) {
                                line.append(" | ").append(text(rows.getObject(i)));
                            }
                            dump.add(line.toString());
                        }
                    }
                    return null;
                });
            }
            return dump;
        });
    }

    /** Every table of the schema, empty ones included. */
    public List<String> tables() {
        List<String> tables = transactions.executeRead(status -> jdbc.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = CURRENT_SCHEMA AND table_type IN ('BASE TABLE', 'TABLE') ORDER BY table_name", statement -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }));
        if (tables.size() < 10) {
            throw new IllegalStateException("found only these tables, the query must be wrong: " + tables);
        }
        return tables;
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes) + " " + new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(value);
    }

    /**
     * The textual forms an IP address could be stored in: as written, IPv4 also with leading zeros, as an integer,
     * IPv4-mapped IPv6 and hex; IPv6 compressed, in full, and as hex digits. All lower case (search case-insensitively).
     */
    public static List<String> textualForms(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            String hex = HexFormat.of().formatHex(bytes);
            List<String> forms = new ArrayList<>(List.of(address.toLowerCase(Locale.ROOT), hex));
            if (bytes.length == 4) {
                int[] octets = {bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff, bytes[3] & 0xff};
                forms.add("%03d.%03d.%03d.%03d".formatted(octets[0], octets[1], octets[2], octets[3]));
                forms.add(Long.toString(((long) octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]));
                forms.add("::ffff:" + hex.substring(0, 4) + ":" + hex.substring(4));
            } else {
                StringBuilder full = new StringBuilder();
                for (int i = 0; i < 32; i += 4) {
                    full.append(i == 0 ? "" : ":").append(hex, i, i + 4);
                }
                forms.add(full.toString());
                forms.add(InetAddress.getByName(address).getHostAddress().toLowerCase(Locale.ROOT)); // Java's uncompressed form
            }
            return forms;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal", e);
        }
    }
}
