package dev.roster.bootstrap.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.SnappyFrameDecoder;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Test helper: an HTTP/1.1 client on a plain socket, one connection per request, that sends exactly the bytes it is
 * given (any method, request target, header or body, including bytes no regular client would send) and reads one
 * response, de-chunked and decompressed, with a timeout.
 */
final class RawHttp implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 10_000;
    private static final int LARGE_BODY = 64 * 1024;
    private static final int MAX_RESPONSE_BODY = 64 * 1024 * 1024;

    private final String host;
    private final int port;
    private final ExecutorService writers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "raw-http-writer");
        thread.setDaemon(true);
        return thread;
    });

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** One header; the value's characters U+0000..U+00FF are sent as single bytes, so any byte can be sent. */
    record Header(String name, String value) {
    }

    /**
     * A request. The request target is sent as ISO-8859-1 (one char, one byte). Unless told otherwise, a Host header,
     * a Content-Length for the body and {@code Connection: close} are added (each only when no header of that name is
     * given).
     */
    static final class Request {
        String method;
        String target;
        String version = "HTTP/1.1";
        final List<Header> headers = new ArrayList<>();
        byte[] body;
        boolean addHost = true;
        boolean addContentLength = true;
        /** Sent instead of the computed request head, when a case needs to break the message framing itself. */
        byte[] rawHead;
        /** A 100 Continue ends the exchange (the body it invites is never sent). */
        boolean interimIsFinal;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        Request body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Optional<String> headerValue(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }

        boolean hasHeader(String name) {
            return headerValue(name).isPresent();
        }

        /** The request target without its query and fragment, as sent (for a raw head, the placeholder target). */
        String path() {
            int end = target.length();
            for (char delimiter : new char[] {'?', '#'}) {
                int at = target.indexOf(delimiter);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            return target.substring(0, end);
        }
    }

    /** One response: status, headers (lower-case names, repeated ones joined with ", ") and the decoded body. */
    record Response(int status, String statusLine, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Response send(Request request) throws IOException {
        byte[] head = request.rawHead != null ? request.rawHead : head(request);
        byte[] body = request.body == null ? new byte[0] : request.body;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            IOException writeFailure = null;
            if (head.length + body.length <= LARGE_BODY) {
                try {
                    out.write(concat(head, body));
                    out.flush();
                } catch (IOException e) {
                    writeFailure = e; // the server may answer (413, 400) and close before reading everything
                }
            } else {
                // a server that answers early and stops reading would block a writer on this thread for ever
                writers.submit(() -> {
                    try {
                        out.write(head);
                        for (int at = 0; at < body.length; at += 16 * 1024) {
                            out.write(body, at, Math.min(16 * 1024, body.length - at));
                        }
                        out.flush();
                    } catch (IOException ignored) {
                        // the reader reports what the server said, or that it said nothing
                    }
                });
            }
            try {
                return read(new BufferedInputStream(socket.getInputStream()), request.method, request.interimIsFinal);
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
        }
    }

    private byte[] head(Request request) {
        StringBuilder text = new StringBuilder();
        text.append(request.method).append(' ').append(request.target).append(' ').append(request.version).append("\r\n");
        if (request.addHost && !request.hasHeader("Host")) {
            text.append("Host: ").append(host).append(':').append(port).append("\r\n");
        }
        for (Header header : request.headers) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (request.body != null && request.addContentLength && !request.hasHeader("Content-Length")
                && !request.hasHeader("Transfer-Encoding")) {
            text.append("Content-Length: ").append(request.body.length).append("\r\n");
        }
        if (!request.hasHeader("Connection")) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        return latin1(text.toString());
    }

    private static Response read(InputStream in, String method, boolean interimIsFinal) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new EOFException("the server closed the connection without a response");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + Describe.text(statusLine, 200));
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                            (a, b) -> a + ", " + b);
                }
            }
            if (status == 100 && !interimIsFinal) {
                continue;
            }
            byte[] body;
            if (method.equalsIgnoreCase("HEAD") || status < 200 || status == 204 || status == 304) {
                body = new byte[0];
            } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked(in, statusLine);
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length").split(",")[0].strip());
                body = in.readNBytes(Math.min(length, MAX_RESPONSE_BODY));
            } else {
                body = in.readNBytes(MAX_RESPONSE_BODY);
            }
            return new Response(status, statusLine, headers, decode(body, headers.get("content-encoding")));
        }
    }

    private static byte[] chunked(InputStream in, String statusLine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new EOFException("the response began \"" + statusLine + "\" and its chunked body was cut off after "
                        + out.size() + " bytes (no last chunk)");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return out.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (out.size() < MAX_RESPONSE_BODY) {
                out.writeBytes(chunk);
            }
            line(in);
        }
    }

    private static byte[] decode(byte[] body, String encoding) throws IOException {
        if (encoding == null || body.length == 0 || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        InputStream decoded = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            // what Netty picks for "Accept-Encoding: *": Snappy's framing format
            case "snappy" -> new ByteArrayInputStream(unsnappy(body));
            default -> throw new IOException("unexpected response Content-Encoding " + encoding);
        };
        try (decoded) {
            return decoded.readNBytes(MAX_RESPONSE_BODY);
        }
    }

    private static byte[] unsnappy(byte[] body) {
        EmbeddedChannel channel = new EmbeddedChannel(new SnappyFrameDecoder());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(body));
            for (ByteBuf chunk = channel.readInbound(); chunk != null; chunk = channel.readInbound()) {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                chunk.release();
                out.writeBytes(bytes);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        return out.toByteArray();
    }

    /** A line up to LF (CR stripped), as ISO-8859-1; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The body framed as HTTP/1.1 chunks of the given size. */
    static byte[] chunk(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += size) {
            int length = Math.min(size, body.length - at);
            out.writeBytes(latin1(Integer.toHexString(length) + "\r\n"));
            out.write(body, at, length);
            out.writeBytes(latin1("\r\n"));
        }
        out.writeBytes(latin1("0\r\n\r\n"));
        return out.toByteArray();
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes as a string with one char per byte, for putting raw bytes into a request target or header. */
    static String asLatin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
