package dev.roster.adapters.in.http.common;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's address, for the audit trail and per-client limits (ADR 0015). It is the socket peer, unless
 * {@code micronaut.server.client-address-header} names the header that trusted reverse proxies append to
 * ({@code X-Forwarded-For}, {@code Forwarded}, or a one-value header such as {@code X-Real-IP}): then it is the entry
 * {@code roster.http.trusted-proxies} places from that header's right end, the address the outermost trusted proxy
 * saw. Entries further left were written by the client and are never read, so a client cannot choose its own key.
 * Only an IP literal is taken (never resolved by DNS) and it is normalised (lower-case RFC 5952 IPv6, IPv4-mapped
 * addresses as IPv4), so it is at most 39 characters long; a missing or malformed entry falls back to the socket peer.
 */
@Context
public final class ClientAddresses {
    /** The characters of an IPv4 or IPv6 literal without zone: anything else (a host name, a zone) is refused. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** A dotted-decimal part without leading zeros, which some parsers read as octal. */
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
    private static final int IPV6_NETWORK_BYTES = 8;
    /** Only when the socket peer has no address (not seen with Netty). */
    private static final String UNKNOWN = "unknown";

    private final String header;
    private final boolean forwardedSyntax;
    private final int trustedProxies;

    ClientAddresses(HttpServerConfiguration server, ClientAddressProperties properties) {
        String configured = server.getClientAddressHeader();
        this.header = configured == null || configured.isBlank() ? null : configured.strip();
        this.forwardedSyntax = "forwarded".equalsIgnoreCase(header);
        this.trustedProxies = properties.trustedProxies();
        if (header != null && trustedProxies < 1) {
            throw new IllegalStateException("roster.http.trusted-proxies must be at least 1 when "
                    + "micronaut.server.client-address-header is set (it is " + trustedProxies + ")");
        }
    }

    /** The caller's address, normalised: what the audit trail records. */
    public String of(HttpRequest<?> request) {
        return of(request.getHeaders(), peer(request));
    }

    /**
     * The caller as per-client limits count it: its address, but an IPv6 caller by its /64 network, since one
     * subscriber usually holds a whole /64 and could otherwise take a new address for every request.
     */
    public String limitKey(HttpRequest<?> request) {
        return limitKey(request.getHeaders(), peer(request));
    }

    String of(HttpHeaders headers, @Nullable InetAddress peer) {
        return address(headers, peer).map(NetUtil::toAddressString).orElse(UNKNOWN);
    }

    String limitKey(HttpHeaders headers, @Nullable InetAddress peer) {
        InetAddress address = address(headers, peer).orElse(null);
        if (!(address instanceof Inet6Address)) {
            return address == null ? UNKNOWN : NetUtil.toAddressString(address);
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, IPV6_NETWORK_BYTES, network.length, (byte) 0);
        return NetUtil.toAddressString(byAddress(network)) + "/64";
    }

    private static @Nullable InetAddress peer(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress();
    }

    private Optional<InetAddress> address(HttpHeaders headers, @Nullable InetAddress peer) {
        Optional<InetAddress> forwarded = header == null ? Optional.empty() : forwarded(headers);
        return forwarded.or(() -> Optional.ofNullable(peer));
    }

    /** The entry the outermost trusted proxy appended, if it is there and an IP literal. */
    private Optional<InetAddress> forwarded(HttpHeaders headers) {
        List<String> values = headers.getAll(header);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        // Counting from the right is safe even if a client put commas inside quotes further left: the trusted
        // proxies' own entries on the right are well-formed.
        String[] entries = String.join(",", values).split(",", -1);
        if (entries.length < trustedProxies) {
            return Optional.empty();
        }
        String entry = entries[entries.length - trustedProxies];
        return forwardedSyntax ? forwardedFor(entry) : node(entry);
    }

    /** The {@code for=} parameter of one element of a {@code Forwarded} header (RFC 7239), e.g. {@code for="[::1]:80"}. */
    private static Optional<InetAddress> forwardedFor(String element) {
        for (String pair : element.split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                String value = pair.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return node(value);
            }
        }
        return Optional.empty();
    }

    /** An address with an optional port: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code 2001:db8::1}, {@code [2001:db8::1]:80}. */
    static Optional<InetAddress> node(String text) {
        String node = text.strip();
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            if (end < 0 || !(end == node.length() - 1 || PORT.matcher(node.substring(end + 1)).matches())) {
                return Optional.empty();
            }
            String inside = node.substring(1, end);
            return inside.indexOf(':') < 0 ? Optional.empty() : literal(inside);
        }
        int colon = node.indexOf(':');
        if (colon >= 0 && colon == node.lastIndexOf(':')) {
            // one colon: an IPv4 address with a port
            if (!PORT.matcher(node.substring(colon)).matches()) {
                return Optional.empty();
            }
            node = node.substring(0, colon);
        }
        return literal(node);
    }

    /** An IPv4 or IPv6 literal (no zone, no brackets), parsed without any name lookup. */
    static Optional<InetAddress> literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot >= 0) {
            String dotted = text.substring(text.lastIndexOf(':') + 1);
            for (String octet : dotted.split("\\.", -1)) {
                if (!DECIMAL_OCTET.matcher(octet).matches()) {
                    return Optional.empty();
                }
            }
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        return bytes == null ? Optional.empty() : Optional.of(byAddress(bytes));
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // builds an address from its bytes; never looks a name up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes", e);
        }
    }
}
