package org.rayonignite.runtime;

import java.util.Objects;

/**
 * How a function travels: the class and method that implement it (as the JVM names them), and
 * whether it is static, an instance method (receiver first) or a constructor. Values captured by
 * a lambda travel next to it in the task, not in here, so descriptors stay few and cacheable.
 */
final class FunctionDescriptor {
  enum Kind { STATIC, VIRTUAL, CONSTRUCTOR }

  final String className;
  final String methodName;
  /** JVM method descriptor, e.g. {@code (II)Ljava/lang/Integer;}. */
  final String signature;
  final Kind kind;
  private final int hash;

  FunctionDescriptor(String className, String methodName, String signature, Kind kind) {
    this.className = className;
    this.methodName = methodName;
    this.signature = signature;
    this.kind = kind;
    this.hash = Objects.hash(className, methodName, signature, kind);
  }

  /** {@code SimpleClassName.method}, for messages and task names. */
  String displayName() {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    if (methodName.startsWith("lambda$")) {
      String[] parts = methodName.split("\\$");
      return simple + "." + (parts.length > 1 ? parts[1] : methodName) + "::lambda";
    }
    return simple + "." + (kind == Kind.CONSTRUCTOR ? "<init>" : methodName);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof FunctionDescriptor)) {
      return false;
    }
    FunctionDescriptor that = (FunctionDescriptor) other;
    return kind == that.kind && className.equals(that.className)
        && methodName.equals(that.methodName) && signature.equals(that.signature);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return className + "." + methodName + signature + " (" + kind + ")";
  }
}
