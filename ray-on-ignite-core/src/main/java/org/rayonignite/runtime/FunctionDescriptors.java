package org.rayonignite.runtime;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import org.rayonignite.api.function.RayFunc;

/**
 * Turns a {@link RayFunc} into a {@link RayFunction}. A lambda or method reference is read once
 * per lambda class through its {@code SerializedLambda} (cached per class); only a lambda that
 * captures values is read again per call, for those values. Any other implementation of a
 * {@code RayFuncN} travels as the instance (a captured value) plus its interface's {@code apply}.
 */
final class FunctionDescriptors {
  private static final String FUNCTION_PACKAGE = "org.rayonignite.api.function.";

  private static final ClassValue<ShapeHolder> SHAPES = new ClassValue<>() {
    @Override
    protected ShapeHolder computeValue(Class<?> type) {
      return new ShapeHolder();
    }
  };

  private FunctionDescriptors() {}

  static RayFunction of(RayFunc function) {
    if (function == null) {
      throw new NullPointerException("the function is null: pass a method reference such as MyApp::work");
    }
    ShapeHolder holder = SHAPES.get(function.getClass());
    Shape shape = holder.shape;
    if (shape == null) {
      shape = Shape.of(function);
      holder.shape = shape;
    }
    return shape.functionFor(function);
  }

  private static final class ShapeHolder {
    volatile Shape shape;
  }

  /** What is fixed for all instances of one function class. */
  private static final class Shape {
    private final FunctionDescriptor descriptor;
    private final Class<?> deployClass;
    /** Null unless the class is a lambda that captures values: read them per call. */
    private final Method writeReplace;
    /** Shared by all calls when nothing is captured per call. */
    private final RayFunction shared;
    /** A plain RayFuncN class: the instance itself is the one captured value. */
    private final boolean instanceIsReceiver;

    private Shape(FunctionDescriptor descriptor, Class<?> deployClass, Method writeReplace,
        boolean instanceIsReceiver) {
      this.descriptor = descriptor;
      this.deployClass = deployClass;
      this.writeReplace = writeReplace;
      this.instanceIsReceiver = instanceIsReceiver;
      this.shared = writeReplace == null && !instanceIsReceiver
          ? new RayFunction(descriptor, deployClass, RayFunction.NO_CAPTURES) : null;
    }

    RayFunction functionFor(RayFunc function) {
      if (shared != null) {
        return shared;
      }
      if (instanceIsReceiver) {
        return new RayFunction(descriptor, deployClass, new Object[] {function});
      }
      SerializedLambda lambda = read(writeReplace, function);
      Object[] captured = new Object[lambda.getCapturedArgCount()];
      for (int i = 0; i < captured.length; i++) {
        captured[i] = lambda.getCapturedArg(i);
      }
      return new RayFunction(descriptor, deployClass, captured);
    }

    static Shape of(RayFunc function) {
      Class<?> type = function.getClass();
      Method writeReplace = lambdaWriteReplace(type);
      if (writeReplace == null) {
        return new Shape(applyOf(type), type, null, true);
      }
      SerializedLambda lambda = read(writeReplace, function);
      String className = lambda.getImplClass().replace('/', '.');
      FunctionDescriptor.Kind kind;
      switch (lambda.getImplMethodKind()) {
        case MethodHandleInfo.REF_invokeStatic:
          kind = FunctionDescriptor.Kind.STATIC;
          break;
        case MethodHandleInfo.REF_newInvokeSpecial:
          kind = FunctionDescriptor.Kind.CONSTRUCTOR;
          break;
        default:
          kind = FunctionDescriptor.Kind.VIRTUAL;
      }
      FunctionDescriptor descriptor = new FunctionDescriptor(className, lambda.getImplMethodName(),
          lambda.getImplMethodSignature(), kind);
      Class<?> deployClass;
      try {
        deployClass = Class.forName(className, false, type.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        deployClass = type;
      }
      return new Shape(descriptor, deployClass,
          lambda.getCapturedArgCount() > 0 ? writeReplace : null, false);
    }

    private static SerializedLambda read(Method writeReplace, Object function) {
      try {
        return (SerializedLambda) writeReplace.invoke(function);
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IllegalArgumentException("cannot read the lambda " + function.getClass().getName()
            + "; pass a method reference or a lambda typed as a RayFunc", e);
      }
    }

    private static Method lambdaWriteReplace(Class<?> type) {
      if (!type.isSynthetic() && !type.isHidden()) {
        return null;
      }
      try {
        Method method = type.getDeclaredMethod("writeReplace");
        method.setAccessible(true);
        return method;
      } catch (NoSuchMethodException e) {
        return null;
      }
    }

    /** A plain class implementing RayFuncN: its interface's {@code apply}, the instance as receiver. */
    private static FunctionDescriptor applyOf(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Class<?> iface : c.getInterfaces()) {
          if (iface.getName().startsWith(FUNCTION_PACKAGE + "RayFunc")
              && iface.getDeclaredMethods().length == 1) {
            Method apply = iface.getDeclaredMethods()[0];
            return new FunctionDescriptor(iface.getName(), apply.getName(),
                MethodType.methodType(apply.getReturnType(), apply.getParameterTypes())
                    .toMethodDescriptorString(), FunctionDescriptor.Kind.VIRTUAL);
          }
        }
      }
      throw new IllegalArgumentException(type.getName() + " does not implement a RayFuncN interface");
    }
  }
}
