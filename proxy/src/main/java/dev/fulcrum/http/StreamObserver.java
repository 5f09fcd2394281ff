package dev.fulcrum.http;

/**
 * Told about every HTTP stream when it ends, with everything HAProxy logs about
 * it. The logging room formats log lines from it; tests use it to check
 * termination states. Called on the stream's event loop: must not block.
 */
@FunctionalInterface
public interface StreamObserver {

    void streamEnded(StreamRecord record);
}
