package dev.fulcrum.sample;

/** Builds a {@link Converter} from its parsed arguments at configuration time. */
@FunctionalInterface
public interface ConverterFactory {

    Converter create(Args args, CompileContext cc) throws ArgException;
}
