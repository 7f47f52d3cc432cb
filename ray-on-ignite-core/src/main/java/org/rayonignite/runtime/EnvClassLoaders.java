package org.rayonignite.runtime;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One class loader per distinct jar set (and parent) on this node, made the first time work with
 * those jars runs here and kept until the runtime stops. The parent is the loader the work would
 * use without jars, asked first: classes on the node's class path win, so a class that comes in
 * several versions belongs in jars only. Work with different jar sets thus sees different
 * versions of the same class side by side.
 */
final class EnvClassLoaders {
  private static final Logger LOG = LoggerFactory.getLogger(EnvClassLoaders.class);

  private record Key(List<String> jars, ClassLoader parent) {}

  private final EnvJars jars = new EnvJars();
  private final ConcurrentHashMap<Key, URLClassLoader> loaders = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** The loader of {@code jarList} over {@code parent}, made (and its jars fetched) if new. */
  ClassLoader loaderFor(List<String> jarList, ClassLoader parent) throws RuntimeEnvException {
    Key key = new Key(jarList, parent);
    URLClassLoader loader = loaders.get(key);
    if (loader != null) {
      return loader;
    }
    List<URL> urls = new ArrayList<>(jarList.size());
    for (String jar : jarList) {
      try {
        urls.add(jars.local(jar).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new RuntimeEnvException("jar \"" + jar + "\" has no usable URL: " + e.getMessage(), e);
      }
    }
    URLClassLoader made = new URLClassLoader("ray-env" + jarList, urls.toArray(new URL[0]), parent);
    URLClassLoader raced = loaders.putIfAbsent(key, made);
    if (raced != null) {
      closeQuietly(made);
      return raced;
    }
    if (closed) { // stopped meanwhile: nothing will close it later
      loaders.remove(key, made);
      closeQuietly(made);
      throw new RuntimeEnvException("the node is stopping");
    }
    return made;
  }

  /** Closes the loaders and deletes the downloaded jars. */
  void close() {
    closed = true;
    loaders.values().forEach(EnvClassLoaders::closeQuietly);
    loaders.clear();
    jars.close();
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      LOG.debug("Could not close {}: {}", loader, e.toString());
    }
  }
}
