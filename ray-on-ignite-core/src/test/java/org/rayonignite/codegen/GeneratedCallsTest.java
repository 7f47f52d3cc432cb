package org.rayonignite.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated overloads in the tree are what {@link CallsGenerator} writes: nobody edited them
 * by hand. {@code -Dregenerate=true} rewrites them instead.
 */
class GeneratedCallsTest {
  @Test
  void generatedSourcesAreUpToDate() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    boolean regenerate = Boolean.getBoolean("regenerate");
    for (Map.Entry<Path, String> file : CallsGenerator.generate().entrySet()) {
      Path path = root.resolve(file.getKey());
      if (regenerate) {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      assertEquals(file.getValue(), Files.readString(path), path + " differs from what "
          + "CallsGenerator writes; run: mvn -pl ray-on-ignite-core test -Dtest=GeneratedCallsTest -Dregenerate=true");
    }
  }
}
