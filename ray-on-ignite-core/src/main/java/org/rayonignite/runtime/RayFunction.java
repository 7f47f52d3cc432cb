package org.rayonignite.runtime;

/**
 * A function as the submitter sees it: its descriptor, the class whose class loader can load it
 * (sent for Ignite peer class loading), and the values a lambda captured (empty for method
 * references).
 */
final class RayFunction {
  static final Object[] NO_CAPTURES = new Object[0];

  final FunctionDescriptor descriptor;
  final Class<?> deployClass;
  final Object[] captured;

  RayFunction(FunctionDescriptor descriptor, Class<?> deployClass, Object[] captured) {
    this.descriptor = descriptor;
    this.deployClass = deployClass;
    this.captured = captured;
  }
}
