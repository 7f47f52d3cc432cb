package org.rayonignite.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.rayonignite.Ray;
import org.rayonignite.config.RayConfig;

/**
 * The main class of a runtime env's worker JVM ({@link EnvWorkerProcess}): reads its settings
 * from stdin, joins the cluster as a client node with Ray initialized (so tasks and actors in it
 * use the whole API, nested calls included), serves the node that started it, and stops when its
 * stdin closes.
 */
final class EnvWorkerMain {
  /** The line after the settings on the worker's stdin. */
  static final String END_OF_SETTINGS = "end-of-settings";
  static final String PARENT = "parent";
  static final String ADDRESS = "address";
  static final String NAMESPACE = "namespace";
  static final String WORK_DIRECTORY = "workDirectory";
  static final String ALLOW_LIST = "deserializationAllowList";
  static final String DENY_LIST = "deserializationDenyList";
  static final String[] TLS = {"tlsKeyStore", "tlsKeyStorePassword", "tlsTrustStore", "tlsTrustStorePassword"};

  private EnvWorkerMain() {}

  public static void main(String[] args) throws IOException {
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder text = new StringBuilder();
    String line;
    while ((line = stdin.readLine()) != null && !line.equals(END_OF_SETTINGS)) {
      text.append(line).append('\n');
    }
    if (line == null) {
      return; // the node that started us is gone already
    }
    Properties settings = new Properties();
    settings.load(new StringReader(text.toString()));
    Ray.init(config(settings));
    try {
      NodeRuntime runtime = NodeRuntime.currentOrDefault();
      runtime.serveAsEnvWorker(UUID.fromString(settings.getProperty(PARENT)));
      System.out.println(EnvWorkerProcess.READY + runtime.localNodeId());
      System.out.flush();
      while (stdin.readLine() != null) {
        // nothing is sent after the settings: the pipe stays open while the node wants us
      }
    } finally {
      Ray.shutdown();
    }
  }

  private static RayConfig config(Properties settings) {
    RayConfig.Builder config = RayConfig.builder().clientMode(true)
        .address(settings.getProperty(ADDRESS));
    if (settings.getProperty(NAMESPACE) != null) {
      config.namespace(settings.getProperty(NAMESPACE));
    }
    if (settings.getProperty(WORK_DIRECTORY) != null) {
      config.workDirectory(settings.getProperty(WORK_DIRECTORY));
    }
    if (settings.getProperty(ALLOW_LIST) != null) {
      config.deserializationAllowList(patterns(settings.getProperty(ALLOW_LIST)));
    }
    if (settings.getProperty(DENY_LIST) != null) {
      config.deserializationDenyList(patterns(settings.getProperty(DENY_LIST)));
    }
    if (settings.getProperty(TLS[0]) != null) {
      config.tls(settings.getProperty(TLS[0]), settings.getProperty(TLS[1]),
          settings.getProperty(TLS[2]), settings.getProperty(TLS[3]));
    }
    return config.build();
  }

  private static List<String> patterns(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }
}
