package org.rayonignite.objectstore;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JDK's hidden collection classes — unmodifiable and synchronized wrappers, {@code subList},
 * {@code keySet()} and other views — cannot be rebuilt by Kryo's generic serializers (no way to
 * create them and add to them). They travel as copies: a list as an {@code ArrayList}, a set as a
 * {@code LinkedHashSet} (sorted: {@code TreeSet} with its comparator), a map as a
 * {@code LinkedHashMap} (sorted: {@code TreeMap}), wrapped unmodifiable again when they were.
 * Equality, order and contents are kept; the exact hidden class is not.
 */
final class JdkCollectionCopies {
  private JdkCollectionCopies() {}

  /** Whether Kryo's generic collection or map serializer cannot rebuild {@code type}. */
  static boolean needsCopy(Class<?> type) {
    if (!type.getName().startsWith("java.util.")) {
      return false;
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      return true;
    }
    try {
      type.getConstructor();
      return false;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  private static boolean unmodifiable(Class<?> type) {
    String name = type.getSimpleName();
    return name.startsWith("Unmodifiable") || name.startsWith("Immutable");
  }

  /** Copies any collection. */
  static final class CollectionCopy extends Serializer<Collection<Object>> {
    private static final int LIST = 0;
    private static final int SET = 1;
    private static final int SORTED_SET = 2;

    @Override
    public void write(Kryo kryo, Output output, Collection<Object> collection) {
      int kind = collection instanceof SortedSet ? SORTED_SET : collection instanceof Set ? SET : LIST;
      output.writeByte(kind);
      output.writeBoolean(unmodifiable(collection.getClass()));
      if (kind == SORTED_SET) {
        kryo.writeClassAndObject(output, ((SortedSet<Object>) collection).comparator());
      }
      List<Object> elements = new ArrayList<>(collection);
      output.writeVarInt(elements.size(), true);
      for (Object element : elements) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
      int kind = input.readByte();
      boolean unmodifiable = input.readBoolean();
      Collection<Object> copy;
      if (kind == SORTED_SET) {
        copy = new TreeSet<>((Comparator<Object>) kryo.readClassAndObject(input));
      } else {
        copy = kind == SET ? new LinkedHashSet<>() : new ArrayList<>();
      }
      kryo.reference(copy);
      int size = input.readVarInt(true);
      for (int i = 0; i < size; i++) {
        copy.add(kryo.readClassAndObject(input));
      }
      if (!unmodifiable) {
        return copy;
      }
      if (copy instanceof SortedSet<Object> sorted) {
        return Collections.unmodifiableSortedSet(sorted);
      }
      return copy instanceof Set ? Collections.unmodifiableSet((Set<Object>) copy)
          : Collections.unmodifiableList((List<Object>) copy);
    }
  }

  /** Copies any map. */
  static final class MapCopy extends Serializer<Map<Object, Object>> {
    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      boolean sorted = map instanceof SortedMap;
      output.writeBoolean(sorted);
      output.writeBoolean(unmodifiable(map.getClass()));
      if (sorted) {
        kryo.writeClassAndObject(output, ((SortedMap<Object, Object>) map).comparator());
      }
      List<Map.Entry<Object, Object>> entries = new ArrayList<>(map.entrySet());
      output.writeVarInt(entries.size(), true);
      for (Map.Entry<Object, Object> entry : entries) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      boolean sorted = input.readBoolean();
      boolean unmodifiable = input.readBoolean();
      Map<Object, Object> copy = sorted
          ? new TreeMap<>((Comparator<Object>) kryo.readClassAndObject(input)) : new LinkedHashMap<>();
      kryo.reference(copy);
      int size = input.readVarInt(true);
      for (int i = 0; i < size; i++) {
        copy.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
      if (!unmodifiable) {
        return copy;
      }
      return sorted ? Collections.unmodifiableSortedMap((SortedMap<Object, Object>) copy)
          : Collections.unmodifiableMap(copy);
    }
  }
}
