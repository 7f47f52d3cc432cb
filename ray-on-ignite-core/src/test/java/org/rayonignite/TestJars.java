package org.rayonignite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import com.sun.net.httpserver.HttpServer;

/**
 * Jars made at test time: {@code envdemo.Greeter}, whose {@code version()} returns the version it
 * was compiled with, so tests can show which jar a task loaded. Not on any class path.
 */
final class TestJars {
  static final String GREETER = "envdemo.Greeter";

  private TestJars() {}

  /** A jar in {@code directory} holding {@code envdemo.Greeter} of {@code version}. */
  static Path greeter(Path directory, String version) {
    try {
      Path sources = Files.createDirectories(directory.resolve("src-" + version).resolve("envdemo"));
      Path source = sources.resolve("Greeter.java");
      Files.writeString(source, "package envdemo;\n"
          + "public class Greeter {\n"
          + "  public static String version() { return \"" + version + "\"; }\n"
          + "  public String greet(String who) { return \"hello \" + who + \" from " + version + "\"; }\n"
          + "}\n");
      Path classes = Files.createDirectories(directory.resolve("classes-" + version));
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
      if (status != 0) {
        throw new IllegalStateException("javac failed for " + source);
      }
      Path jar = directory.resolve("greeter-" + version + ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry("envdemo/"));
        out.closeEntry();
        out.putNextEntry(new JarEntry("envdemo/Greeter.class"));
        out.write(Files.readAllBytes(classes.resolve("envdemo").resolve("Greeter.class")));
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code jar} at {@code http://127.0.0.1:port/<file name>}; other paths answer 404. */
  static HttpServer serve(Path jar, int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      byte[] bytes = Files.readAllBytes(jar);
      String path = "/" + jar.getFileName();
      server.createContext("/", exchange -> {
        try (OutputStream body = exchange.getResponseBody()) {
          if (exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(200, bytes.length);
            body.write(bytes);
          } else {
            byte[] missing = "not found".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, missing.length);
            body.write(missing);
          }
        }
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of {@code envdemo.Greeter} the calling task's class loader sees. */
  static String greeterVersion() throws ReflectiveOperationException {
    Class<?> greeter = Class.forName(GREETER, true, Thread.currentThread().getContextClassLoader());
    return (String) greeter.getMethod("version").invoke(null);
  }

  /** The versions a task and its child (which inherits the jars) see. */
  static List<String> greeterVersionOfParentAndChild() throws ReflectiveOperationException {
    return List.of(greeterVersion(), Ray.task(TestJars::greeterVersion).remote().get());
  }

  /** An actor holding a {@code Greeter} of the version its jars have. */
  static final class GreeterHost {
    private final Object greeter;

    GreeterHost() throws ReflectiveOperationException {
      greeter = Class.forName(GREETER, true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
    }

    String greet(String who) throws ReflectiveOperationException {
      return (String) greeter.getClass().getMethod("greet", String.class).invoke(greeter, who);
    }
  }
}
