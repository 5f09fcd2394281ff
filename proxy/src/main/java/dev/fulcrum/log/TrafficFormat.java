package dev.fulcrum.log;

import dev.fulcrum.config.Settings;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;

/**
 * The format of a frontend's traffic log lines: one of HAProxy's predefined
 * formats ({@code option httplog}, {@code option httplog clf},
 * {@code option tcplog}), which are themselves log-format strings
 * (configuration.txt 8.2.2 to 8.2.5), or a custom {@code log-format}.
 *
 * @param kind   which statement chose it
 * @param format the compiled log-format string
 */
public record TrafficFormat(Kind kind, LogFormat format) {

    /** The statement that chose the format. */
    public enum Kind { HTTPLOG, CLF, TCPLOG, CUSTOM }

    /** {@code option httplog} (configuration.txt 8.2.3). */
    public static final String HTTPLOG_TEXT = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
            + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    /** {@code option httplog clf} (configuration.txt 8.2.4). */
    public static final String CLF_TEXT = "%{+Q}o %{-Q}ci - - [%trg] %r %ST %B \"\" \"\" %cp %ms %ft %b %s %TR %Tw "
            + "%Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl";
    /** {@code option tcplog} (configuration.txt 8.2.2). */
    public static final String TCPLOG_TEXT = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";

    public static final TrafficFormat HTTPLOG = standard(Kind.HTTPLOG, HTTPLOG_TEXT);
    public static final TrafficFormat CLF = standard(Kind.CLF, CLF_TEXT);
    public static final TrafficFormat TCPLOG = standard(Kind.TCPLOG, TCPLOG_TEXT);

    private static TrafficFormat standard(Kind kind, String text) {
        try {
            return new TrafficFormat(kind, LogFormat.parse(text,
                    CompileContext.standalone(UseSite.FE_LOG_END, Settings.builder()), LogFormat.Target.LOG));
        } catch (LogFormatException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
