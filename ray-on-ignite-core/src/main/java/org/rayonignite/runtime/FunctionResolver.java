package org.rayonignite.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves function descriptors to invokers, once per class loader and descriptor: loading the
 * class (from this node's class path, or from the submitter through Ignite peer class loading),
 * finding the method and adapting a {@link MethodHandle} to take its arguments as an array.
 */
final class FunctionResolver {
  private final ConcurrentHashMap<Key, Invoker> invokers = new ConcurrentHashMap<>();

  Invoker resolve(FunctionDescriptor descriptor, ClassLoader loader) throws ReflectiveOperationException {
    Key key = new Key(descriptor, loader);
    Invoker invoker = invokers.get(key);
    if (invoker == null) {
      invoker = load(descriptor, loader);
      invokers.putIfAbsent(key, invoker);
    }
    return invoker;
  }

  private static Invoker load(FunctionDescriptor descriptor, ClassLoader loader)
      throws ReflectiveOperationException {
    Class<?> owner = Class.forName(descriptor.className, false, loader);
    MethodType type = MethodType.fromMethodDescriptorString(descriptor.signature, loader);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle handle;
    Executable target;
    if (descriptor.kind == FunctionDescriptor.Kind.CONSTRUCTOR) {
      Constructor<?> constructor = owner.getDeclaredConstructor(type.parameterArray());
      makeAccessible(constructor);
      handle = lookup.unreflectConstructor(constructor);
      target = constructor;
    } else {
      Method method = findMethod(owner, descriptor.methodName, type.parameterArray());
      makeAccessible(method);
      handle = lookup.unreflect(method);
      target = method;
    }
    int arity = handle.type().parameterCount();
    MethodHandle spread = handle.asType(handle.type().generic()).asSpreader(Object[].class, arity);
    return new Invoker(spread, arity, target);
  }

  private static Method findMethod(Class<?> owner, String name, Class<?>[] parameters)
      throws NoSuchMethodException {
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.add(owner);
    while (!pending.isEmpty()) {
      Class<?> type = pending.poll();
      try {
        return type.getDeclaredMethod(name, parameters);
      } catch (NoSuchMethodException e) {
        if (type.getSuperclass() != null) {
          pending.add(type.getSuperclass());
        }
        pending.addAll(java.util.Arrays.asList(type.getInterfaces()));
      }
    }
    throw new NoSuchMethodException(owner.getName() + "." + name
        + java.util.Arrays.toString(parameters) + " (is the same version of the class on every node?)");
  }

  private static void makeAccessible(AccessibleObject member) {
    try {
      member.setAccessible(true);
    } catch (RuntimeException e) {
      // A public member of an exported package needs no opening; unreflect will tell otherwise.
    }
  }

  /** A resolved function: call {@link #invoke} with captured values then arguments. */
  static final class Invoker {
    private final MethodHandle spread;
    final int arity;
    final Executable target;

    Invoker(MethodHandle spread, int arity, Executable target) {
      this.spread = spread;
      this.arity = arity;
      this.target = target;
    }

    Object invoke(Object[] arguments) throws Throwable {
      if (arguments.length != arity) {
        throw new IllegalArgumentException(target + " takes " + arity + " arguments, got "
            + arguments.length);
      }
      return spread.invoke(arguments);
    }
  }

  private static final class Key {
    final FunctionDescriptor descriptor;
    final ClassLoader loader;

    Key(FunctionDescriptor descriptor, ClassLoader loader) {
      this.descriptor = descriptor;
      this.loader = loader;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && ((Key) other).descriptor.equals(descriptor)
          && ((Key) other).loader == loader;
    }

    @Override
    public int hashCode() {
      return descriptor.hashCode() * 31 + Objects.hashCode(System.identityHashCode(loader));
    }
  }
}
