package org.rayonignite.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import com.example.shop.Order;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.exception.RaySerializationException;

class DeserializationFilterTest {
  record Holder(Object payload) {}

  record Secret(String value) {}

  private static Object roundTrip(ObjectSerializer serializer, Object value) {
    return serializer.deserialize(serializer.serialize(value),
        DeserializationFilterTest.class.getClassLoader());
  }

  private static RaySerializationException refused(ObjectSerializer serializer, Object value) {
    byte[] bytes = serializer.serialize(value); // serializing is never filtered
    return assertThrows(RaySerializationException.class,
        () -> serializer.deserialize(bytes, DeserializationFilterTest.class.getClassLoader()));
  }

  @Test
  void knownGadgetClassesAreRefusedByDefaultWhereverTheyAppear() {
    ObjectSerializer serializer = new ObjectSerializer(kryo -> { });
    String gadget = BadAttributeValueExpException.class.getName();
    for (Object value : List.of(new BadAttributeValueExpException("top level"),
        new Holder(new BadAttributeValueExpException("in a field")),
        List.of(1, new BadAttributeValueExpException("in a list")),
        new BadAttributeValueExpException[] {new BadAttributeValueExpException("in an array")},
        // Exceptions travel by Java serialization: the filter reads that stream too.
        new IllegalStateException("wraps", new BadAttributeValueExpException("as a cause")))) {
      RaySerializationException e = refused(serializer, value);
      assertEquals(gadget, e.getFailedClassName(), e.getMessage());
      assertTrue(e.getMessage().contains("cannot deserialize " + gadget)
          && e.getMessage().contains(": refused by the "
          + "built-in deny list of known gadget classes"), e.getMessage());
    }
    assertEquals(List.of(1, "two"), roundTrip(serializer, List.of(1, "two")));
  }

  @Test
  void aDeniedNameIsRefusedBeforeAnyClassLoaderIsAskedForIt() {
    String gadget = "org.apache.commons.collections.functors.InvokerTransformer";
    Output output = new Output(128);
    output.writeVarInt(1, true); // a class by name (DefaultClassResolver.NAME + 2)
    output.writeVarInt(0, true); // its name id in this stream
    output.writeString(gadget);
    RecordingLoader loader = new RecordingLoader();
    RaySerializationException e = assertThrows(RaySerializationException.class,
        () -> new ObjectSerializer(kryo -> { }).deserialize(output.toBytes(), loader));
    assertEquals(gadget, e.getFailedClassName());
    assertTrue(e.getMessage().contains("built-in deny list of known gadget classes (pattern "
        + "org.apache.commons.collections.functors.*)"), e.getMessage());
    assertFalse(loader.asked.contains(gadget), "the loader was asked for " + gadget);
  }

  @Test
  void aClassTheNodeCannotSeeIsNeverInstantiated() {
    Output output = new Output(128);
    output.writeVarInt(1, true);
    output.writeVarInt(0, true);
    output.writeString("com.example.NowhereOnThisNode");
    RaySerializationException e = assertThrows(RaySerializationException.class,
        () -> new ObjectSerializer(kryo -> { }).deserialize(output.toBytes(), new RecordingLoader()));
    assertEquals("com.example.NowhereOnThisNode", e.getFailedClassName());
  }

  @Test
  void theConfiguredDenyListAddsToTheKnownGadgets() {
    ObjectSerializer serializer = new ObjectSerializer(DeserializationFilter.of(List.of(),
        List.of("org.rayonignite.objectstore.DeserializationFilterTest$Sec*")), kryo -> { });
    RaySerializationException e = refused(serializer, new Holder(new Secret("s")));
    assertEquals(Secret.class.getName(), e.getFailedClassName());
    assertTrue(e.getMessage().contains("refused by the deserialization deny list (pattern "
        + "org.rayonignite.objectstore.DeserializationFilterTest$Sec*)"), e.getMessage());
    assertTrue(refused(serializer, new BadAttributeValueExpException("x")).getMessage()
        .contains("known gadget classes"));
    assertEquals(new Holder("fine"), roundTrip(serializer, new Holder("fine")));
  }

  @Test
  void anAllowListLetsThroughOnlyItsClassesJdkBasicsExceptionsAndOurs() throws Exception {
    ObjectSerializer serializer = new ObjectSerializer(DeserializationFilter.of(
        List.of("com.example.shop.*"), List.of()), kryo -> { });
    Order order = new Order("tea", 2);
    assertEquals(order, roundTrip(serializer, order));
    Map<String, Object> basics = Map.of("list", new ArrayList<>(List.of(1, 2)), "decimal",
        new BigDecimal("1.5"), "duration", Duration.ofSeconds(3), "map",
        new ConcurrentHashMap<>(Map.of("k", 1L)), "ours", new Holder(Set.of("x")));
    assertEquals(basics, roundTrip(serializer, basics));
    assertArrayEquals(new int[] {1, 2}, (int[]) roundTrip(serializer, new int[] {1, 2}));
    assertInstanceOf(IllegalStateException.class, roundTrip(serializer, new IllegalStateException("e")));

    URL url = new URL("https://example.com/b");
    for (Object value : List.of(url, new Holder(url), new URL[] {url})) {
      RaySerializationException e = refused(serializer, value);
      assertEquals(URL.class.getName(), e.getFailedClassName());
      assertTrue(e.getMessage().contains("refused by the deserialization allow list (it matches "
          + "none of [com.example.shop.*]"), e.getMessage());
    }
    // The deny lists win over the allow list.
    ObjectSerializer allowAll = new ObjectSerializer(DeserializationFilter.of(List.of("*"),
        List.of()), kryo -> { });
    assertTrue(refused(allowAll, new BadAttributeValueExpException("x")).getMessage()
        .contains("known gadget classes"));
  }

  @Test
  void badPatternsAreRejectedWithThePatternNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeserializationFilter.of(List.of("com.acme.*; rm -rf"), List.of()));
    assertTrue(e.getMessage().contains("\"com.acme.*; rm -rf\""), e.getMessage());
  }

  /** Records the names it is asked for; knows only the JDK's and this module's classes. */
  private static final class RecordingLoader extends ClassLoader {
    final Set<String> asked = ConcurrentHashMap.newKeySet();

    RecordingLoader() {
      super(DeserializationFilterTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }
}
