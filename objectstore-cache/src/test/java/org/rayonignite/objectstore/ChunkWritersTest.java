package org.rayonignite.objectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkWritersTest {
  @Test
  void everyChunkIsWrittenExactlyOnce() {
    try (ChunkWriters writers = new ChunkWriters("test-writer", 3)) {
      for (int count : new int[] {1, 2, 7, 256}) {
        AtomicIntegerArray writes = new AtomicIntegerArray(count);
        writers.writeAll(count, writes::incrementAndGet);
        for (int i = 0; i < count; i++) {
          assertEquals(1, writes.get(i), "chunk " + i + " of " + count);
        }
      }
    }
  }

  @Test
  void chunksAreWrittenByMoreThanOneThreadAtOnce() throws InterruptedException {
    try (ChunkWriters writers = new ChunkWriters("test-writer", 1)) {
      CountDownLatch bothWriting = new CountDownLatch(2);
      Set<String> threads = ConcurrentHashMap.newKeySet();
      writers.writeAll(2, index -> {
        threads.add(Thread.currentThread().getName());
        bothWriting.countDown();
        try {
          assertTrue(bothWriting.await(30, TimeUnit.SECONDS), "the other chunk was not written alongside");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals(2, threads.size(), threads.toString());
    }
  }

  @Test
  void aFailedWriteFailsThePutWithItsOwnException() {
    try (ChunkWriters writers = new ChunkWriters("test-writer", 2)) {
      IllegalStateException full = new IllegalStateException("no room");
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> writers.writeAll(8, index -> {
        if (index == 3) {
          throw full;
        }
      }));
      assertSame(full, thrown);
    }
  }

  @Test
  void afterCloseTheCallerWritesAlone() {
    ChunkWriters writers = new ChunkWriters("test-writer", 2);
    writers.close();
    AtomicIntegerArray writes = new AtomicIntegerArray(5);
    writers.writeAll(5, writes::incrementAndGet);
    for (int i = 0; i < 5; i++) {
      assertEquals(1, writes.get(i));
    }
  }
}
