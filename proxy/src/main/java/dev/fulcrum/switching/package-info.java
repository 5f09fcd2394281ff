/**
 * Content switching: {@code use_backend} rules and the check that the backends
 * named by {@code use_backend} and {@code default_backend} exist.
 * {@link dev.fulcrum.switching.Switching#select} picks a request's backend.
 */
package dev.fulcrum.switching;
