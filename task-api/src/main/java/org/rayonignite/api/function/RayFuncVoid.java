package org.rayonignite.api.function;

/** A {@link RayFunc} that returns nothing. */
public interface RayFuncVoid extends RayFunc {}
