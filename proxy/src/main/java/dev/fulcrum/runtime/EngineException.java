package dev.fulcrum.runtime;

import dev.fulcrum.config.SourceLocation;

/** The engine cannot start: the message says what and, where known, the location says where. */
public final class EngineException extends Exception {

    private final SourceLocation location;

    public EngineException(SourceLocation location, String message) {
        super(message, null, false, false);
        this.location = location;
    }

    public SourceLocation location() {
        return location;
    }
}
