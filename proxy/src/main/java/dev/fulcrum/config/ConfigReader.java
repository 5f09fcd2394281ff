package dev.fulcrum.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads configuration files into statements: expands directories given to
 * {@code -f}, cuts lines into words, evaluates {@code .if} blocks and emits
 * {@code .notice/.warning/.alert/.diag} messages. Problems are reported to
 * {@link Diagnostics}; the lines that could be read are still returned, so that
 * one load reports every error it can.
 */
public final class ConfigReader {

    private final Function<String, String> environment;
    private final Diagnostics diagnostics;

    public ConfigReader(Function<String, String> environment, Diagnostics diagnostics) {
        this.environment = environment;
        this.diagnostics = diagnostics;
    }

    /**
     * Expands {@code -f} arguments: a file stays as is, a directory contributes
     * its {@code *.cfg} files in lexical order. An argument that cannot be read
     * raises an alert and contributes nothing.
     */
    public List<Path> expand(List<String> arguments) {
        List<Path> files = new ArrayList<>();
        for (String arg : arguments) {
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(p, "*.cfg")) {
                    for (Path e : dir) {
                        if (Files.isRegularFile(e)) {
                            entries.add(e);
                        }
                    }
                } catch (IOException e) {
                    diagnostics.alert(SourceLocation.NONE,
                            "Cannot open configuration file/directory " + arg + " : " + describe(e));
                    continue;
                }
                entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
                files.addAll(entries);
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                diagnostics.alert(SourceLocation.NONE,
                        "Cannot open configuration file/directory " + arg + " : No such file or directory");
            }
        }
        return files;
    }

    /** Reads one file, handing each statement to {@code sink} as soon as it is read. */
    public void read(Path file, Consumer<ConfigLine> sink) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            diagnostics.alert(SourceLocation.NONE,
                    "Cannot open configuration file/directory " + file + " : " + describe(e));
            return;
        }
        read(file.toString(), text, sink);
    }

    /** Reads configuration text as if it came from {@code name}, collecting the statements. */
    public List<ConfigLine> read(String name, String text) {
        List<ConfigLine> out = new ArrayList<>();
        read(name, text, out::add);
        return out;
    }

    /**
     * Reads configuration text as if it came from {@code name}. Statements are
     * handed over one by one, so that what a statement changes (such as
     * {@code setenv}) applies to the lines after it.
     */
    public void read(String name, String text, Consumer<ConfigLine> sink) {
        Deque<Block> blocks = new ArrayDeque<>();
        String[] section = {""};
        String[] lines = text.split("\r?\n", -1);
        int last = lines.length;
        if (last > 0 && lines[last - 1].isEmpty()) {
            last--; // a final newline does not start a line
        }
        for (int i = 0; i < last; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            SourceLocation where = new SourceLocation(name, lineNo);
            List<String> words;
            try {
                words = ConfigLexer.split(raw, var -> switch (var) {
                    case ".FILE" -> name;
                    case ".LINE" -> Integer.toString(lineNo);
                    case ".SECTION" -> section[0];
                    default -> environment.apply(var);
                });
            } catch (LexException e) {
                if (active(blocks)) {
                    diagnostics.add(new Diagnostic(Severity.ALERT, where, e.render(raw), Diagnostic.Style.COMPACT));
                }
                continue;
            }
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            if (first.startsWith(".")) {
                Outcome o = directive(where, words, blocks);
                if (o == Outcome.CONTINUE) {
                    continue;
                }
                diagnostics.abort();
                if (o == Outcome.STOP_AND_CHECK_BLOCKS && !blocks.isEmpty()) {
                    compact(where, Severity.ALERT, "non-terminated '.if' block.");
                }
                return;
            }
            if (!active(blocks)) {
                continue;
            }
            SectionType type = SectionType.of(first);
            if (type != null) {
                section[0] = words.size() > 1 && !words.get(1).isEmpty() ? words.get(1) : first;
            }
            sink.accept(new ConfigLine(where, words, raw));
            if (diagnostics.aborted()) {
                return; // the statement stopped the load (haproxy reads no further line)
            }
        }
        if (!blocks.isEmpty()) {
            diagnostics.add(new Diagnostic(Severity.ALERT, new SourceLocation(name, Math.max(last, 1)),
                    "non-terminated '.if' block.", Diagnostic.Style.COMPACT));
            diagnostics.abort();
        }
    }

    /**
     * What a directive leaves the reader to do. HAProxy stops reading at once (and
     * loads no further file) on {@code .alert} and on broken {@code .if} blocks;
     * after an unexpected argument to {@code .else}/{@code .endif} it also reports
     * the block left open.
     */
    private enum Outcome { CONTINUE, STOP, STOP_AND_CHECK_BLOCKS }

    private Outcome directive(SourceLocation where, List<String> words, Deque<Block> blocks) {
        String d = words.get(0);
        switch (d) {
            case ".if" -> {
                boolean parentActive = active(blocks);
                Boolean value = parentActive ? condition(where, words) : Boolean.FALSE;
                if (value == null) {
                    return Outcome.STOP;
                }
                blocks.push(new Block(parentActive, value));
            }
            case ".elif" -> {
                Block b = blocks.peek();
                if (b == null) {
                    return stop(where, "lone '.elif' with no matching '.if'.");
                } else if (b.sawElse) {
                    return stop(where, "'.elif' after '.else' is not permitted.");
                } else if (b.taken || !b.parentActive) {
                    b.active = false;
                } else {
                    Boolean value = condition(where, words);
                    if (value == null) {
                        return Outcome.STOP;
                    }
                    b.active = value;
                    b.taken = value;
                }
            }
            case ".else" -> {
                Block b = blocks.peek();
                if (!noExtraArgs(where, words)) {
                    return Outcome.STOP_AND_CHECK_BLOCKS;
                }
                if (b == null) {
                    return stop(where, "lone '.else' with no matching '.if'.");
                } else if (b.sawElse) {
                    return stop(where, "'.else' after '.else' is not permitted.");
                }
                b.sawElse = true;
                b.active = b.parentActive && !b.taken;
                b.taken = true;
            }
            case ".endif" -> {
                if (!noExtraArgs(where, words)) {
                    return Outcome.STOP_AND_CHECK_BLOCKS;
                }
                if (blocks.isEmpty()) {
                    return stop(where, "lone '.endif' with no matching '.if'.");
                }
                blocks.pop();
            }
            case ".notice", ".warning", ".alert", ".diag" -> {
                if (!active(blocks)) {
                    return Outcome.CONTINUE;
                }
                if (words.size() > 2 && !words.get(2).isEmpty()) {
                    compact(where, Severity.ALERT, "Unexpected argument '" + words.get(2) + "' for '" + d
                            + "'. Use quotes if the message should contain spaces.");
                    return Outcome.CONTINUE;
                }
                String message = "'" + (words.size() > 1 ? words.get(1) : "") + "'.";
                Severity s = switch (d) {
                    case ".notice" -> Severity.NOTICE;
                    case ".warning" -> Severity.WARNING;
                    case ".alert" -> Severity.ALERT;
                    default -> Severity.DIAG;
                };
                compact(where, s, message);
                if (s == Severity.ALERT) {
                    return Outcome.STOP;
                }
            }
            default -> {
                if (active(blocks)) {
                    compact(where, Severity.ALERT, "unknown directive '" + d + "'.");
                }
            }
        }
        return Outcome.CONTINUE;
    }

    private Outcome stop(SourceLocation where, String message) {
        compact(where, Severity.ALERT, message);
        return Outcome.STOP;
    }

    private boolean noExtraArgs(SourceLocation where, List<String> words) {
        if (words.size() > 1 && !words.get(1).isEmpty()) {
            compact(where, Severity.ALERT, "Unexpected argument '" + words.get(1) + "' for '" + words.get(0) + "'.");
            return false;
        }
        return true;
    }

    /** Evaluates an {@code .if}/{@code .elif} condition; {@code null} once the error is reported. */
    private Boolean condition(SourceLocation where, List<String> words) {
        String expr = String.join(" ", words.subList(1, words.size()));
        try {
            return ConditionExpression.evaluate(expr, environment);
        } catch (ConditionExpression.SyntaxException e) {
            compact(where, Severity.ALERT, e.render(words.get(0), expr));
            return null;
        }
    }

    private void compact(SourceLocation where, Severity severity, String message) {
        diagnostics.add(new Diagnostic(severity, where, message, Diagnostic.Style.COMPACT));
    }

    private static boolean active(Deque<Block> blocks) {
        Block b = blocks.peek();
        return b == null || b.active;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return m != null ? m : e.getClass().getSimpleName();
    }

    /** One level of {@code .if} nesting. */
    private static final class Block {
        final boolean parentActive;
        boolean active;
        boolean taken;
        boolean sawElse;

        Block(boolean parentActive, boolean active) {
            this.parentActive = parentActive;
            this.active = active;
            this.taken = active;
        }
    }
}
