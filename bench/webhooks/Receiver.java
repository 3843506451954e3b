import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook receiver of bench/webhooks.sh (run as `java Receiver.java <port> <log> <whsec_...>`): checks each
 * request's Standard Webhooks signature with its own HMAC, answers 200, and appends one tab-separated line per request
 * to the log: webhook-id, position, userId, occurredAt, received at (epoch ms), signature ok.
 */
public class Receiver {
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final Pattern USER = Pattern.compile("\"userId\":\"([0-9a-f-]{36})\"");
    private static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        BufferedWriter log = new BufferedWriter(new FileWriter(args[1], true));
        byte[] key = Base64.getDecoder().decode(args[2].substring("whsec_".length()));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (exchange) {
                long at = System.currentTimeMillis();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
                boolean ok = verify(key, id, timestamp, body, signatures);
                String line = id + "\t" + find(POSITION, body) + "\t" + find(USER, body) + "\t" + find(OCCURRED, body) + "\t" + at + "\t" + ok;
                synchronized (log) {
                    log.write(line);
                    log.newLine();
                    log.flush();
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        System.out.println("receiving on " + port);
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1) : "-";
    }

    private static boolean verify(byte[] key, String id, String timestamp, String body, String signatures) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            for (String signature : signatures.split(" ")) {
                if (signature.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
