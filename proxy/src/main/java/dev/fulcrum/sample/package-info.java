/**
 * Samples (HAProxy's configuration.txt section 7.3): the types and casts, the
 * {@link dev.fulcrum.sample.Sample} holder, fetches and converters, variables,
 * and the compiler of expressions such as {@code req.hdr(host),lower,map(hosts.map)}.
 *
 * <p>Entry points: {@link dev.fulcrum.sample.Samples} compiles at configuration
 * time with a {@link dev.fulcrum.sample.CompileContext}; a
 * {@link dev.fulcrum.sample.SampleExpr} evaluates against the
 * {@link dev.fulcrum.sample.SampleContext} the data path implements. Rooms add
 * fetches and converters through a {@link dev.fulcrum.sample.SampleProvider}.
 */
package dev.fulcrum.sample;
