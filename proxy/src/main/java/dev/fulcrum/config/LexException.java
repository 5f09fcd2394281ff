package dev.fulcrum.config;

/**
 * A line that cannot be cut into words. {@link #position()} is the 1-based column
 * of the offending character in the raw line, as HAProxy reports it.
 */
public final class LexException extends Exception {

    private final int position;

    public LexException(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    public int position() {
        return position;
    }

    /**
     * HAProxy's rendering: the message, the position, then the line (leading
     * blanks trimmed) with a caret under the offending character.
     */
    public String render(String rawLine) {
        int indent = 0;
        while (indent < rawLine.length() && (rawLine.charAt(indent) == ' ' || rawLine.charAt(indent) == '\t')) {
            indent++;
        }
        int caret = Math.max(0, position - 1 - indent);
        return getMessage() + " at position " + position + ":\n  " + rawLine.substring(indent)
                + "\n  " + " ".repeat(caret) + "^";
    }
}
