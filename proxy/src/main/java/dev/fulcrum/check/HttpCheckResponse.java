package dev.fulcrum.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A check's HTTP/1.x response parsed from the bytes received so far: status,
 * reason, headers and (de-chunked) body, and whether the body is complete.
 * Parsing is redone on each evaluation; check responses are small and rare.
 */
final class HttpCheckResponse {

    final int status;
    final String reason;
    final List<String[]> headers;
    final byte[] body;
    final boolean complete;

    private HttpCheckResponse(int status, String reason, List<String[]> headers, byte[] body, boolean complete) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
        this.complete = complete;
    }

    /** Parse outcome: {@code null} while the head is incomplete and the connection open. */
    static Object parse(byte[] data, int length, boolean closed) {
        int end = indexOf(data, length, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        int sepLen = 4;
        if (end < 0) {
            end = indexOf(data, length, "\n\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            sepLen = 2;
        }
        if (end < 0) {
            return closed ? Invalid.INSTANCE : null;
        }
        String head = new String(data, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        String first = lines[0];
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (!first.startsWith("HTTP/1.") || first.length() < 12 || first.charAt(8) != ' ') {
            return Invalid.INSTANCE;
        }
        int status;
        try {
            status = Integer.parseInt(first.substring(9, 12));
        } catch (NumberFormatException e) {
            return Invalid.INSTANCE;
        }
        if (first.length() > 12 && first.charAt(12) != ' ') {
            return Invalid.INSTANCE;
        }
        String reason = first.length() > 13 ? first.substring(13) : "";
        List<String[]> headers = new ArrayList<>();
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                return Invalid.INSTANCE;
            }
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Invalid.INSTANCE;
                }
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        int bodyStart = end + sepLen;
        byte[] body;
        boolean complete;
        if (status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
            complete = true;
        } else if (chunked) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            complete = dechunk(data, bodyStart, length, out);
            body = out.toByteArray();
        } else if (contentLength >= 0) {
            int n = (int) Math.min(contentLength, length - bodyStart);
            body = java.util.Arrays.copyOfRange(data, bodyStart, bodyStart + n);
            complete = n == contentLength;
        } else {
            body = java.util.Arrays.copyOfRange(data, bodyStart, length);
            complete = closed;
        }
        return new HttpCheckResponse(status, reason, headers, body, complete || closed);
    }

    private static boolean dechunk(byte[] data, int pos, int length, java.io.ByteArrayOutputStream out) {
        while (pos < length) {
            int eol = indexOf(data, length, new byte[] {'\r', '\n'}, pos);
            if (eol < 0) {
                return false;
            }
            String sizeText = new String(data, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int semi = sizeText.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi >= 0 ? sizeText.substring(0, semi) : sizeText).trim(), 16);
            } catch (NumberFormatException e) {
                return true; // malformed: judge on what we have
            }
            pos = eol + 2;
            if (size == 0) {
                return true;
            }
            int n = Math.min(size, length - pos);
            out.write(data, pos, n);
            if (n < size) {
                return false;
            }
            pos += size + 2;
        }
        return false;
    }

    static int indexOf(byte[] data, int length, byte[] needle, int from) {
        outer:
        for (int i = from; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Values of a header, split on commas unless {@code full} ({@code fhdr}). */
    List<String> values(String name, boolean full) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                if (full) {
                    out.add(h[1]);
                } else {
                    for (String v : h[1].split(",")) {
                        out.add(v.trim());
                    }
                }
            }
        }
        return out;
    }

    /** A response that is not HTTP. */
    enum Invalid { INSTANCE }
}
