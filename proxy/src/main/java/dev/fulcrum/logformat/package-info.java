/**
 * HAProxy log-format strings (configuration.txt section 8.2.6), used by
 * {@code log-format}, {@code unique-id-format}, header values, {@code lf-string}
 * and dynamic {@code use_backend} names: {@link dev.fulcrum.logformat.LogFormat}
 * compiles and renders them; {@link dev.fulcrum.logformat.LogVariables} supplies
 * the values of {@code %} variables.
 */
package dev.fulcrum.logformat;
