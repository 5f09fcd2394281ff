package dev.fulcrum.config;

/** Parses the arguments of one keyword into the section being built. */
@FunctionalInterface
public interface KeywordHandler {

    void parse(KeywordContext ctx) throws ConfigException;
}
