package dev.fulcrum.sample;

/** Builds a {@link Fetch} from its parsed arguments at configuration time. */
@FunctionalInterface
public interface FetchFactory {

    Fetch create(Args args, CompileContext cc) throws ArgException;
}
