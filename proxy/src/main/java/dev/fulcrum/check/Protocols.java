package dev.fulcrum.check;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.Setting;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The built-in protocol checks, each a fixed tcp-check sequence as in HAProxy:
 * {@code option redis-check}, {@code smtpchk}, {@code ssl-hello-chk},
 * {@code mysql-check}, {@code pgsql-check} and {@code ldap-check}, with the same
 * bytes on the wire and the same verdicts.
 */
final class Protocols {

    /** The arguments of the protocol option ({@code smtpchk EHLO domain}, {@code mysql-check user u}...). */
    static final Setting<List<String>> ARGS = Setting.of("check protocol arguments", List.of());

    private Protocols() {
    }

    static void register(KeywordRegistry.Builder r) {
        r.proxy("option redis-check", "check servers with a Redis PING", ctx -> simple(ctx, CheckType.REDIS));
        r.proxy("option ssl-hello-chk", "check servers with an SSLv3 client hello", ctx -> simple(ctx, CheckType.SSL_HELLO));
        r.proxy("option ldap-check", "check servers with an anonymous LDAPv3 bind", ctx -> simple(ctx, CheckType.LDAP));
        r.proxy("option smtpchk", "check servers with an SMTP HELO (or EHLO)", ctx -> {
            ctx.noMoreThan(2);
            CheckKeywords.type(ctx, CheckType.SMTP);
            String verb = ctx.arg(0);
            boolean custom = (verb.equals("HELO") || verb.equals("EHLO")) && !ctx.arg(1).isEmpty();
            ctx.settings().set(ARGS, custom ? List.of(verb, ctx.arg(1)) : List.of("HELO", "localhost"));
        });
        r.proxy("option mysql-check", "check servers with a MySQL handshake", ctx -> {
            user(ctx, CheckType.MYSQL);
            if (ctx.arg(2).equals("post-41") || ctx.arg(2).equals("pre-41")) {
                ctx.noMoreThan(3);
            } else if (!ctx.arg(2).isEmpty()) {
                throw ctx.error("'" + ctx.keyword().name() + "' only supports optional values: 'user' and "
                        + "'post-41'.");
            }
        });
        r.proxy("option pgsql-check", "check servers with a PostgreSQL startup message", ctx -> {
            if (!ctx.arg(0).equals("user") || ctx.arg(1).isEmpty()) {
                throw ctx.error("'" + ctx.keyword().name() + "' expects 'user <username>' as argument.");
            }
            user(ctx, CheckType.PGSQL);
        });
    }

    private static void simple(KeywordContext ctx, CheckType type) throws ConfigException {
        ctx.noMoreThan(0);
        CheckKeywords.type(ctx, type);
    }

    private static void user(KeywordContext ctx, CheckType type) throws ConfigException {
        CheckKeywords.type(ctx, type);
        if (ctx.arg(0).isEmpty()) {
            ctx.settings().set(ARGS, List.of());
            return;
        }
        if (!ctx.arg(0).equals("user") || ctx.arg(1).isEmpty()) {
            throw ctx.error("'" + ctx.keyword().name() + "' only supports optional values: 'user'.");
        }
        ctx.settings().set(ARGS, List.of(ctx.arg(1)));
    }

    static List<CheckRule> rules(CheckType type, ProxyConfig p) {
        List<String> args = p.get(ARGS);
        List<CheckRule> out = new ArrayList<>();
        switch (type) {
            case REDIS -> {
                out.add(send("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                out.add(custom(Protocols::redis, CheckStatus.L7STS));
            }
            case SMTP -> {
                // haproxy's sequence: connect, banner (a code, then a 2xx), HELO/EHLO, 2xx, QUIT, 2xx
                out.add(CheckRule.Connect.implicit(true));
                out.add(custom(Protocols::smtpCode, CheckStatus.L7RSP));
                out.add(custom(Protocols::smtp2xx, CheckStatus.L7STS));
                out.add(send((args.get(0) + " " + args.get(1) + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
                out.add(custom(Protocols::smtp2xx, CheckStatus.L7STS));
                out.add(send("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                out.add(custom(Protocols::smtpLast, CheckStatus.L7STS));
            }
            case SSL_HELLO -> {
                out.add(send(SSL_HELLO));
                out.add(custom(Protocols::sslHello, CheckStatus.L6RSP));
            }
            case LDAP -> {
                out.add(send(HexFormat.of().parseHex("300c020101600702010304008000")));
                out.add(custom(Protocols::ldap));
            }
            case PGSQL -> {
                out.add(send(pgsqlStartup(args.getFirst())));
                out.add(custom(Protocols::pgsql, CheckStatus.L7RSP));
            }
            case MYSQL -> {
                out.add(custom(Protocols::mysqlGreeting));
                if (!args.isEmpty()) {
                    out.add(send(mysqlLogin(args.getFirst())));
                    out.add(custom(Protocols::mysqlOk));
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
        return out;
    }

    private static CheckRule.Send send(byte[] data) {
        return new CheckRule.Send(data, "", true, "");
    }

    private static CheckRule.Expect custom(CheckRule.CustomExpect c) {
        return custom(c, null);
    }

    /** @param emptyStatus the failure when the server closes without a byte (haproxy's "empty response") */
    private static CheckRule.Expect custom(CheckRule.CustomExpect c, CheckStatus emptyStatus) {
        return new CheckRule.Expect(false, CheckRule.Match.CUSTOM, false, null, null, null, List.of(), null, null, null,
                null, 0, null, emptyStatus, null, "", c);
    }

    /** The first line received, or {@code null} while it is incomplete. */
    private static String line(byte[] data, int length, boolean closed, int from) {
        for (int i = from; i < length; i++) {
            if (data[i] == '\n') {
                int end = i > from && data[i - 1] == '\r' ? i - 1 : i;
                return new String(data, from, end - from, StandardCharsets.ISO_8859_1);
            }
        }
        return closed ? new String(data, from, length - from, StandardCharsets.ISO_8859_1) : null;
    }

    private static CheckResult redis(byte[] data, int length, boolean closed) {
        String l = line(data, length, closed, 0);
        if (l == null) {
            return null;
        }
        if (l.startsWith("+PONG")) {
            return Expectations.PASS;
        }
        return new CheckResult(CheckStatus.L7STS, -1, l, -1);
    }

    /** The banner starts with a 3-digit code (else L7RSP with the line). */
    private static CheckResult smtpCode(byte[] data, int length, boolean closed) {
        String l = line(data, length, closed, 0);
        if (l == null || length < 4 && !closed) {
            return null;
        }
        boolean code = l.length() >= 4 && Character.isDigit(l.charAt(0)) && Character.isDigit(l.charAt(1))
                && Character.isDigit(l.charAt(2)) && (l.charAt(3) == ' ' || l.charAt(3) == '\r');
        return code ? Expectations.PASS : new CheckResult(CheckStatus.L7RSP, -1, l, -1);
    }

    /** A 2xx reply (else L7STS with the code and the text after it). */
    private static CheckResult smtp2xx(byte[] data, int length, boolean closed) {
        String l = line(data, length, closed, 0);
        if (l == null || length < 4 && !closed) {
            return null;
        }
        if (l.length() >= 4 && l.charAt(0) == '2' && Character.isDigit(l.charAt(1)) && Character.isDigit(l.charAt(2))
                && " -\r".indexOf(l.charAt(3)) >= 0) {
            return Expectations.PASS;
        }
        return new CheckResult(CheckStatus.L7STS, smtpStatus(l), l.length() > 4 ? l.substring(4).stripLeading() : "", -1);
    }

    /** The reply to QUIT: a pass reports its code and text. */
    private static CheckResult smtpLast(byte[] data, int length, boolean closed) {
        CheckResult r = smtp2xx(data, length, closed);
        if (r != Expectations.PASS) {
            return r;
        }
        String l = line(data, length, closed, 0);
        return new CheckResult(CheckStatus.L7OK, smtpStatus(l), l.length() > 4 ? l.substring(4).stripLeading() : "", -1);
    }

    private static int smtpStatus(String l) {
        try {
            return Integer.parseInt(l.substring(0, Math.min(3, l.length())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static CheckResult sslHello(byte[] data, int length, boolean closed) {
        if (length < 1) {
            return closed ? new CheckResult(CheckStatus.L6RSP, -1, "", -1) : null;
        }
        // a handshake record (0x16) or an alert (0x15) means an SSL/TLS server answered
        return data[0] == 0x15 || data[0] == 0x16 ? new CheckResult(CheckStatus.L6OK, -1, "", -1)
                : new CheckResult(CheckStatus.L6RSP, -1, "", -1);
    }

    private static CheckResult ldap(byte[] data, int length, boolean closed) {
        if (length < 14 && !closed) {
            return null;
        }
        // LDAPMessage SEQUENCE { messageID, bindResponse [APPLICATION 1] { resultCode ENUMERATED ... } }
        int i = HttpCheckResponse.indexOf(data, length, new byte[] {0x61}, 0);
        if (data.length < 1 || length < 1 || data[0] != 0x30 || i < 0 || i + 4 >= length || data[i + 2] != 0x0a) {
            return new CheckResult(CheckStatus.L7RSP, -1, "Not LDAPv3 protocol", -1);
        }
        int code = data[i + 4] & 0xff;
        if (code == 0) {
            return new CheckResult(CheckStatus.L7OK, 0, "Success", -1);
        }
        return new CheckResult(CheckStatus.L7STS, code, "See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9", -1);
    }

    private static byte[] pgsqlStartup(String user) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] u = user.getBytes(StandardCharsets.ISO_8859_1);
        int len = 4 + 4 + 5 + u.length + 1 + 1;
        b.writeBytes(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        b.writeBytes(new byte[] {0, 3, 0, 0});
        b.writeBytes("user\0".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(u);
        b.writeBytes(new byte[] {0, 0});
        return b.toByteArray();
    }

    private static CheckResult pgsql(byte[] data, int length, boolean closed) {
        if (length < 9 && !closed) {
            return null;
        }
        if (length >= 9 && data[0] == 'R') {
            return new CheckResult(CheckStatus.L7OK, -1, "PostgreSQL server is ok", -1);
        }
        if (length >= 1 && data[0] == 'E') {
            // the severity field ('S') of the ErrorResponse
            int s = HttpCheckResponse.indexOf(data, length, new byte[] {'S'}, 5);
            if (s > 0) {
                int end = s + 1;
                while (end < length && data[end] != 0) {
                    end++;
                }
                return new CheckResult(CheckStatus.L7RSP, -1, new String(data, s + 1, end - s - 1,
                        StandardCharsets.ISO_8859_1), -1);
            }
        }
        return new CheckResult(CheckStatus.L7RSP, -1, "", -1);
    }

    private static byte[] mysqlLogin(String user) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] u = user.getBytes(StandardCharsets.ISO_8859_1);
        int len = 4 + 4 + 1 + 23 + u.length + 1 + 1;
        b.writeBytes(new byte[] {(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), 1});
        b.writeBytes(new byte[] {0x00, (byte) 0x82, 0x00, 0x00, 0x00, (byte) 0x80, 0x00, 0x01, 0x21});
        b.writeBytes(new byte[23]);
        b.writeBytes(u);
        b.writeBytes(new byte[] {0, 0});
        b.writeBytes(new byte[] {1, 0, 0, 0, 1}); // COM_QUIT
        return b.toByteArray();
    }

    /** The server's greeting: one whole packet; an error packet fails. */
    private static CheckResult mysqlGreeting(byte[] data, int length, boolean closed) {
        if (!mysqlWhole(data, length)) {
            return closed ? new CheckResult(CheckStatus.L7RSP, -1, "", -1) : null;
        }
        return data[4] == (byte) 0xff ? mysqlError(data, length) : Expectations.PASS;
    }

    /** The answer to the login (the send dropped the greeting): an OK packet passes, an error packet fails. */
    private static CheckResult mysqlOk(byte[] data, int length, boolean closed) {
        return mysqlGreeting(data, length, closed);
    }

    /** Whether a whole packet (3-byte length, sequence, payload) has arrived. */
    private static boolean mysqlWhole(byte[] data, int length) {
        if (length < 5) {
            return false;
        }
        int len = (data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16;
        return length >= 4 + len;
    }

    private static CheckResult mysqlError(byte[] data, int length) {
        int code = length >= 7 ? (data[5] & 0xff) | (data[6] & 0xff) << 8 : 0;
        int msg = length > 7 && data[7] == '#' ? 13 : 7;
        String text = msg < length ? new String(data, msg, length - msg, StandardCharsets.ISO_8859_1) : "";
        return new CheckResult(CheckStatus.L7STS, code, text, -1);
    }

    /** HAProxy's SSLv3 client hello: the same bytes it sends. */
    private static final byte[] SSL_HELLO = sslHelloBytes();

    private static byte[] sslHelloBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HexFormat.of().parseHex("16030000790100007503006b1658ff"));
        b.writeBytes("HAPROXYSSLCHK\nHAPROXYSSLCHK\n".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(new byte[] {0x00, 0x00, 0x4e});
        for (int c = 1; c <= 0x1b; c++) {
            b.writeBytes(new byte[] {0x00, (byte) c});
        }
        for (int c = 0x2f; c <= 0x3a; c++) {
            b.writeBytes(new byte[] {0x00, (byte) c});
        }
        b.writeBytes(new byte[] {0x01, 0x00});
        return b.toByteArray();
    }
}
