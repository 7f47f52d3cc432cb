package org.rayonignite.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.exception.RaySerializationException;

class ObjectSerializerTest {
  private final ObjectSerializer serializer = new ObjectSerializer(kryo -> { });

  private Object roundTrip(Object value) {
    return serializer.deserialize(serializer.serialize(value), getClass().getClassLoader());
  }

  record Pair(String left, List<Integer> right) {}

  static final class Node {
    final String name;
    Node next;

    Node(String name) {
      this.name = name;
    }
  }

  static final class CustomFailure extends Exception {
    final transient Thread notSerializable = Thread.currentThread();
    final int code;

    CustomFailure(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void valuesOfManyKinds() {
    assertEquals(new Pair("a", List.of(1, 2)), roundTrip(new Pair("a", List.of(1, 2))));
    assertEquals(List.of(1, 2, 3), roundTrip(List.of(1, 2, 3)));
    assertEquals(Map.of("k", 1), roundTrip(Map.of("k", 1)));
    assertEquals(Set.of("x"), roundTrip(Set.of("x")));
    assertEquals(Arrays.asList(1, null), roundTrip(Arrays.asList(1, null)));
    assertEquals(Collections.unmodifiableList(new ArrayList<>(List.of(4))),
        roundTrip(Collections.unmodifiableList(new ArrayList<>(List.of(4)))));
    assertEquals(Optional.of("o"), roundTrip(Optional.of("o")));
    assertArrayEquals(new long[] {1, 2}, (long[]) roundTrip(new long[] {1, 2}));
    List<Integer> view = new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3);
    assertEquals(List.of(2, 3), roundTrip(view));
    Map<String, Integer> source = new java.util.TreeMap<>(Map.of("b", 2, "a", 1));
    assertEquals(Set.of("a", "b"), roundTrip(source.keySet()));
    assertEquals(source, roundTrip(Collections.unmodifiableSortedMap((java.util.SortedMap<String, Integer>) source)));
    assertThrows(UnsupportedOperationException.class,
        () -> ((List<Object>) roundTrip(Collections.unmodifiableList(new ArrayList<>()))).add(1));
    assertEquals(List.of(5), roundTrip(Collections.synchronizedList(new ArrayList<>(List.of(5)))));
    Map<String, Integer> ordered = new LinkedHashMap<>();
    ordered.put("z", 1);
    ordered.put("a", 2);
    assertEquals(List.of("z", "a"), new ArrayList<>(((Map<?, ?>) roundTrip(ordered)).keySet()));
  }

  @Test
  void cyclesAndSharedReferencesSurvive() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    Node copy = (Node) roundTrip(a);
    assertNotSame(a, copy);
    assertSame(copy, copy.next.next);
  }

  @Test
  void serializableLambdasTravelAndPlainOnesAreRefused() throws Exception {
    int offset = 5;
    Supplier<Integer> plain = () -> offset;
    RaySerializationException error = assertThrows(RaySerializationException.class,
        () -> serializer.serialize(plain));
    assertTrue(error.getMessage().contains("Serializable"), error.getMessage());
    java.util.concurrent.Callable<Integer> serializable =
        (java.util.concurrent.Callable<Integer> & java.io.Serializable) () -> offset + 1;
    @SuppressWarnings("unchecked")
    java.util.concurrent.Callable<Integer> copy = (java.util.concurrent.Callable<Integer>) roundTrip(serializable);
    assertEquals(6, copy.call());
  }

  @Test
  void thingsThatCannotLeaveAJvmAreNamed() {
    RaySerializationException thread = assertThrows(RaySerializationException.class,
        () -> serializer.serialize(List.of(new Pair("p", List.of()), Thread.currentThread())));
    assertEquals("java.lang.Thread", thread.getFailedClassName());
    record Holder(Object inner) {}
    RaySerializationException nested = assertThrows(RaySerializationException.class,
        () -> serializer.serialize(new Holder(new Holder(java.io.InputStream.nullInputStream()))));
    assertTrue(nested.getMessage().contains("InputStream"), nested.getMessage());
  }

  @Test
  void exceptionsKeepClassMessageCauseAndStackTrace() {
    IllegalStateException original = new IllegalStateException("outer", new ArithmeticException("inner"));
    IllegalStateException copy = (IllegalStateException) roundTrip(original);
    assertEquals("outer", copy.getMessage());
    assertInstanceOf(ArithmeticException.class, copy.getCause());
    assertArrayEquals(original.getStackTrace(), copy.getStackTrace());
  }

  @Test
  void anExceptionJavaCannotSerializeBecomesARemoteException() {
    Object copy = roundTrip(new WithUnserializableField("bad"));
    RemoteException remote = assertInstanceOf(RemoteException.class, copy);
    assertEquals(WithUnserializableField.class.getName(), remote.getOriginalClassName());
    assertTrue(remote.getMessage().contains("bad"));
    assertTrue(remote.getStackTrace().length > 0);
  }

  static final class WithUnserializableField extends RuntimeException {
    @SuppressWarnings("unused")
    private final Object lock = new Object();

    WithUnserializableField(String message) {
      super(message);
    }
  }

  @Test
  void garbageFailsWithASerializationException() {
    assertThrows(RaySerializationException.class,
        () -> serializer.deserialize(new byte[] {42, 42, 42}, getClass().getClassLoader()));
  }
}
