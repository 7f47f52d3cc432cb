package org.rayonignite.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local files of runtime-env jars on this node: a path or {@code file:} URL as it is (it must
 * exist here), an {@code http:}/{@code https:} URL downloaded once into a cache directory of this
 * node's runtime, deleted when the runtime stops.
 */
final class EnvJars {
  private static final Logger LOG = LoggerFactory.getLogger(EnvJars.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;

  /** Downloaded jars by URL; a URL is fetched by one thread while the others wait for it. */
  private final ConcurrentHashMap<String, Path> downloaded = new ConcurrentHashMap<>();
  private volatile Path cacheDirectory;

  /** The local file (or class directory) of {@code jar}. */
  Path local(String jar) throws RuntimeEnvException {
    String lower = jar.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      return download(jar);
    }
    Path path;
    try {
      path = lower.startsWith("file:") ? Path.of(new URI(jar)) : Path.of(jar);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RuntimeEnvException("jar \"" + jar + "\" is neither a file path nor a file:, http: "
          + "or https: URL (" + e.getMessage() + ")", e);
    }
    if (!Files.exists(path)) {
      throw new RuntimeEnvException("jar " + path.toAbsolutePath() + " does not exist on this node "
          + "(each node that runs the work reads its jars: copy the file there, or give an http URL)");
    }
    if (!Files.isReadable(path)) {
      throw new RuntimeEnvException("jar " + path.toAbsolutePath() + " is not readable on this node");
    }
    return path;
  }

  private Path download(String url) throws RuntimeEnvException {
    Path done = downloaded.get(url);
    if (done != null) {
      return done;
    }
    synchronized (downloaded) { // one download at a time: a URL is fetched once
      done = downloaded.get(url);
      if (done != null) {
        return done;
      }
      Path file = fetch(url);
      downloaded.put(url, file);
      return file;
    }
  }

  private Path fetch(String url) throws RuntimeEnvException {
    try {
      URLConnection connection = new URI(url).toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(READ_TIMEOUT_MS);
      connection.setRequestProperty("Connection", "close"); // no keep-alive thread left behind
      if (connection instanceof HttpURLConnection http && http.getResponseCode() != 200) {
        int code = http.getResponseCode();
        http.disconnect();
        throw new RuntimeEnvException("jar " + url + " cannot be downloaded: HTTP " + code);
      }
      Path directory = cacheDirectory();
      String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
      Path target = directory.resolve(hash(url) + "-" + (name.isEmpty() ? "download.jar" : name));
      Path partial = Files.createTempFile(directory, "download-", ".part");
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.debug("Downloaded runtime-env jar {} to {}", url, target);
      return target;
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      throw new RuntimeEnvException("jar " + url + " cannot be downloaded: " + e, e);
    }
  }

  private Path cacheDirectory() throws IOException {
    Path directory = cacheDirectory;
    if (directory == null) {
      directory = Files.createTempDirectory("ray-env-jars-");
      cacheDirectory = directory;
    }
    return directory;
  }

  /** Deletes the downloaded jars (their class loaders are closed already). */
  void close() {
    Path directory = cacheDirectory;
    downloaded.clear();
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files.forEach(file -> file.toFile().delete());
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      LOG.debug("Could not delete the jar cache {}: {}", directory, e.toString());
    }
  }

  private static String hash(String url) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
