package dev.fulcrum.console.view;

import dev.fulcrum.console.view.TopologyRow.Backend;
import dev.fulcrum.console.view.TopologyRow.Frontend;
import dev.fulcrum.console.view.TopologyRow.Heading;
import dev.fulcrum.console.view.TopologyRow.Server;

import java.util.Locale;

/** The columns of the topology tree and what each shows for each kind of row. */
enum TopologyColumn {
    NAME("Name", 200, false),
    KIND("Kind", 90, false),
    MODE("Mode", 70, false),
    ADDRESS("Address", 260, false),
    BALANCE("Balance", 110, false),
    WEIGHT("Weight", 70, true),
    CHECK("Check", 70, false),
    DEFAULT_BACKEND("Default backend", 140, false);

    private final String title;
    private final double width;
    private final boolean numeric;

    TopologyColumn(String title, double width, boolean numeric) {
        this.title = title;
        this.width = width;
        this.numeric = numeric;
    }

    /** The column node's id: {@code column-name}, {@code column-default-backend}... */
    String id() {
        return "column-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String title() {
        return title;
    }

    double width() {
        return width;
    }

    /** Numbers are right-aligned. */
    boolean numeric() {
        return numeric;
    }

    /** The cell text; empty where the column does not apply to the row. */
    String text(TopologyRow row) {
        return switch (row) {
            case Heading h -> this == NAME ? h.title() : "";
            case Frontend f -> switch (this) {
                case NAME -> f.info().name();
                case KIND -> "frontend";
                case MODE -> f.info().mode();
                case ADDRESS -> String.join(", ", f.info().binds());
                case DEFAULT_BACKEND -> f.info().defaultBackend();
                default -> "";
            };
            case Backend b -> switch (this) {
                case NAME -> b.info().name();
                case KIND -> "backend";
                case MODE -> b.info().mode();
                case BALANCE -> b.info().balance();
                default -> "";
            };
            case Server s -> switch (this) {
                case NAME -> s.info().name();
                case KIND -> "server";
                case ADDRESS -> s.info().address();
                case WEIGHT -> Integer.toString(s.info().weight());
                case CHECK -> s.info().check() ? "on" : "off";
                default -> "";
            };
        };
    }
}
