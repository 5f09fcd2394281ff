package dev.fulcrum.server;

/**
 * The text of HAProxy's server state-change messages, byte for byte:
 * {@code Server bk/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused",
 * check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued,
 * 0 remaining in queue.}
 */
final class StateMessages {

    private StateMessages() {
    }

    /** {@code "Backup Server bk/s1"} or {@code "Server bk/s1"}. */
    static StringBuilder subject(Server s) {
        StringBuilder b = new StringBuilder(160);
        if (s.isBackup()) {
            b.append("Backup ");
        }
        return b.append("Server ").append(s.backendName()).append('/').append(s.name());
    }

    /**
     * Appends the reason (srv_append_status): a check's status, a text, or
     * {@code " via bk/s"} when the change comes from the tracked server.
     */
    static void reason(StringBuilder b, Server s, StateReason r, boolean forced) {
        if (r.status() != null) {
            b.append(", reason: ").append(r.status());
            if (r.withCode()) {
                b.append(", code: ").append(r.code());
            }
            if (!r.info().isEmpty()) {
                b.append(", info: \"");
                asciiEncode(b, r.info());
                b.append('"');
            }
            if (r.durationMs() >= 0) {
                b.append(", check duration: ").append(r.durationMs()).append("ms");
            }
        } else if (!r.info().isEmpty()) {
            b.append(", ").append(r.info());
        } else if (!forced && s.tracked() != null) {
            b.append(" via ").append(s.tracked().backendName()).append('/').append(s.tracked().name());
        }
    }

    /** The counts after a change to a down state: {@code . 1 active and 0 backup servers left. ...}. */
    static void countsLeft(StringBuilder b, Server s, ServerFarm farm, int requeued) {
        int act = farm.usableActive();
        int bck = farm.usableBackup();
        b.append(". ").append(act).append(" active and ").append(bck).append(" backup servers left.")
                .append(bck > 0 && act == 0 ? " Running on backup." : "")
                .append(' ').append(s.served()).append(" sessions active, ").append(requeued)
                .append(" requeued, ").append(s.queue().size()).append(" remaining in queue");
    }

    /** The counts after a change to an up state: {@code . 2 active and 0 backup servers online. ...}. */
    static void countsOnline(StringBuilder b, Server s, ServerFarm farm, int requeued) {
        int act = farm.usableActive();
        int bck = farm.usableBackup();
        b.append(". ").append(act).append(" active and ").append(bck).append(" backup servers online.")
                .append(bck > 0 && act == 0 ? " Running on backup." : "")
                .append(' ').append(requeued).append(" sessions requeued, ").append(s.queue().size())
                .append(" total in queue");
    }

    /** The counts as HAProxy picks them: "left" when the server is down, "online" otherwise. */
    static void counts(StringBuilder b, Server s, ServerFarm farm, int requeued) {
        if (s.operState() == OperState.STOPPED) {
            countsLeft(b, s, farm, requeued);
        } else {
            countsOnline(b, s, farm, requeued);
        }
    }

    /** HAProxy's chunk_asciiencode: non-printable bytes and the quote become {@code \xNN}-style escapes. */
    static void asciiEncode(StringBuilder b, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"') {
                switch (c) {
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '"' -> b.append("\\\"");
                    default -> b.append(String.format("\\x%02x", (int) c & 0xff));
                }
            } else {
                b.append(c);
            }
        }
    }
}
