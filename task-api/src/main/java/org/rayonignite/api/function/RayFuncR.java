package org.rayonignite.api.function;

/**
 * A {@link RayFunc} that returns a value.
 *
 * @param <R> the return type
 */
public interface RayFuncR<R> extends RayFunc {}
