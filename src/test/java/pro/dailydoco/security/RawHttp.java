package pro.dailydoco.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client that sends exactly the bytes it is given: broken percent escapes in the request target,
 * invalid UTF-8 in a body, any content type. HTTP client libraries repair or refuse such requests before they leave,
 * which is precisely what a fuzzer must not do.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The server closed the connection without an answer that could be read. */
    static final int CLOSED = 0;

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends one request on a fresh connection; {@code target} is sent as it is (latin-1 bytes). */
    Answer send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            write(head, method + " " + target + " HTTP/1.1\r\n");
            write(head, "Host: localhost:" + port + "\r\n");
            write(head, "Connection: close\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                write(head, header.getKey() + ": " + header.getValue() + "\r\n");
            }
            if (body != null) {
                write(head, "Content-Length: " + body.length + "\r\n");
            }
            write(head, "\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toByteArray());
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 414) and close before reading all of a large request.
            }
            try {
                return read(socket.getInputStream());
            } catch (IOException e) {
                return new Answer(CLOSED, Map.of(), "");
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            int stop = Math.min(body.length, start + size);
            out.write(body, start, stop - start);
            at = stop + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
