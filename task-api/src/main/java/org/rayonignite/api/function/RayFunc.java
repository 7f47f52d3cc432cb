package org.rayonignite.api.function;

import java.io.Serializable;

/**
 * A function that can run as a task, an actor constructor or an actor method: a static or
 * instance method reference, a constructor reference, or a (serializable) lambda. Method
 * references travel as (class, method, signature); lambdas travel with their captured values.
 */
public interface RayFunc extends Serializable {}
