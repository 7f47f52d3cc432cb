package org.rayonignite.config;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.internal.IgnitionEx;
import org.apache.ignite.kubernetes.configuration.KubernetesConnectionConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.isolated.IsolatedDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link RayConfig} into the {@link IgniteConfiguration} of a node that works as an
 * embedded library: static discovery (never multicast), loopback-only when the address is
 * loopback, logging through SLF4J only, a failure handler that stops the Ignite node but never
 * the host JVM, peer class loading on, and an off-heap data region for the object store.
 */
public final class NodeConfigurations {
  /** The data region that holds the object store, sized by {@code objectStoreMemoryBytes}. */
  public static final String OBJECT_STORE_REGION = "ray-object-store";

  private static final Logger LOG = LoggerFactory.getLogger(NodeConfigurations.class);
  private static final long MIB = 1024L * 1024;
  private static final AtomicInteger INSTANCE_COUNTER = new AtomicInteger();

  private NodeConfigurations() {}

  /**
   * The Ignite configuration of a node started from {@code config}, with {@code caches} added.
   * A Spring XML configuration is loaded and our settings added to it, not replacing the user's.
   */
  public static IgniteConfiguration create(RayConfig config, List<CacheConfiguration<?, ?>> caches) {
    quietIgniteDefaults();
    IgniteConfiguration cfg;
    if (config.getSpringXml() != null) {
      cfg = loadSpringXml(config.getSpringXml());
      completeSpringXml(cfg, config);
    } else {
      cfg = newLibraryConfiguration(config);
    }
    if (cfg.getIgniteInstanceName() == null) {
      cfg.setIgniteInstanceName("ray-node-" + INSTANCE_COUNTER.incrementAndGet() + "-"
          + UUID.randomUUID().toString().substring(0, 8));
    }
    Map<String, Object> attributes = new HashMap<>();
    if (cfg.getUserAttributes() != null) {
      attributes.putAll(cfg.getUserAttributes());
    }
    nodeResources(config, attributes).forEach((name, amount) ->
        attributes.putIfAbsent(NodeAttributes.RESOURCE_PREFIX + name, amount.toString()));
    config.getLabels().forEach((name, value) ->
        attributes.putIfAbsent(NodeAttributes.LABEL_PREFIX + name, value));
    cfg.setUserAttributes(attributes);
    if (config.isClientMode()) {
      cfg.setClientMode(true);
    }
    if (config.getTls() != null) {
      if (cfg.getSslContextFactory() != null) {
        throw new IllegalArgumentException("TLS is set twice: by RayConfig tls(...) and by the "
            + "sslContextFactory of Spring XML " + config.getSpringXml() + "; keep one");
      }
      cfg.setSslContextFactory(new NodeTlsContextFactory(config.getTls()));
    }
    addObjectStoreRegion(cfg, config.getObjectStoreMemoryBytes());
    List<CacheConfiguration<?, ?>> allCaches = new ArrayList<>();
    if (cfg.getCacheConfiguration() != null) {
      for (CacheConfiguration<?, ?> existing : cfg.getCacheConfiguration()) {
        allCaches.add(existing);
      }
    }
    for (CacheConfiguration<?, ?> cache : caches) {
      if (allCaches.stream().noneMatch(c -> c.getName().equals(cache.getName()))) {
        allCaches.add(cache);
      }
    }
    cfg.setCacheConfiguration(allCaches.toArray(new CacheConfiguration[0]));
    return cfg;
  }

  /**
   * The resources a node declares: those in {@code config}, then {@code ray.resources.*}
   * attributes already present (Spring XML), then {@code CPU} = available cores and
   * {@code GPU} = 0 when neither says.
   */
  static Map<String, Double> nodeResources(RayConfig config, Map<String, Object> attributes) {
    Map<String, Double> resources = new LinkedHashMap<>(config.getResources());
    boolean cpuInAttributes = attributes.containsKey(NodeAttributes.RESOURCE_PREFIX + "CPU");
    if (!resources.containsKey("CPU") && !cpuInAttributes) {
      resources.put("CPU", (double) Runtime.getRuntime().availableProcessors());
    }
    return resources;
  }

  private static IgniteConfiguration newLibraryConfiguration(RayConfig config) {
    IgniteConfiguration cfg = new IgniteConfiguration();
    cfg.setGridLogger(new Slf4jIgniteLogger());
    cfg.setFailureHandler(new StopNodeFailureHandler());
    cfg.setPeerClassLoadingEnabled(true);
    cfg.setMetricsLogFrequency(0);
    cfg.setWorkDirectory(config.getWorkDirectory() != null ? config.getWorkDirectory()
        : defaultWorkDirectory());
    // Ray nodes talk through discovery and communication only: no thin-client or REST ports.
    cfg.setClientConnectorConfiguration(null);
    cfg.setConnectorConfiguration(null);
    TcpCommunicationSpi communication = new TcpCommunicationSpi();
    communication.setLocalPortRange(200);
    communication.setMessageQueueLimit(8192);
    // Let the OS size socket buffers (0 = do not set). Ignite's 32 KiB default, set before
    // connecting, turns TCP window scaling off; with loopback's 64 KiB segments a stream of
    // 1 MiB objects then stalls for seconds at a time in silly-window avoidance, waiting for
    // the persist timer (measured: 7 to 58 s stalls fetching 1 MiB objects between 3 JVMs).
    communication.setSocketReceiveBuffer(0);
    communication.setSocketSendBuffer(0);
    cfg.setCommunicationSpi(communication);

    if (config.getAddress().isEmpty() && config.getKubernetes() == null) {
      // One node, nobody else: no discovery ports, so parallel embedded JVMs never meet.
      cfg.setDiscoverySpi(new IsolatedDiscoverySpi());
      cfg.setLocalHost("127.0.0.1");
      communication.setLocalPort(freePort());
    } else {
      configureDiscovery(cfg, config);
    }
    DataStorageConfiguration storage = new DataStorageConfiguration();
    storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration()
        .setName("default").setInitialSize(16 * MIB).setMaxSize(512 * MIB));
    cfg.setDataStorageConfiguration(storage);
    return cfg;
  }

  /**
   * Adds to a user's Spring XML configuration what an embedded library needs where the XML says
   * nothing: SLF4J logging, a failure handler that never stops the JVM, and discovery from
   * {@code config}'s address or Kubernetes settings when the XML has no {@code discoverySpi}.
   * What the XML sets stays; settings made both ways are an error rather than a silent choice.
   */
  private static void completeSpringXml(IgniteConfiguration cfg, RayConfig config) {
    String xml = config.getSpringXml();
    if (cfg.getGridLogger() == null) {
      cfg.setGridLogger(new Slf4jIgniteLogger());
    }
    if (cfg.getFailureHandler() == null) {
      cfg.setFailureHandler(new StopNodeFailureHandler());
    }
    if (config.getWorkDirectory() != null) {
      if (cfg.getWorkDirectory() != null && !cfg.getWorkDirectory().equals(config.getWorkDirectory())) {
        throw new IllegalArgumentException("the work directory is set twice: " + config.getWorkDirectory()
            + " by RayConfig workDirectory and " + cfg.getWorkDirectory() + " by Spring XML " + xml
            + "; keep one");
      }
      cfg.setWorkDirectory(config.getWorkDirectory());
    }
    boolean discoveryInConfig = !config.getAddress().isEmpty() || config.getKubernetes() != null;
    if (!discoveryInConfig && config.getPort() > 0) {
      throw new IllegalArgumentException("RayConfig port " + config.getPort() + " needs an address or "
          + "kubernetes; with Spring XML " + xml + " set the port in its discoverySpi (localPort)");
    }
    if (discoveryInConfig) {
      if (cfg.getDiscoverySpi() != null) {
        throw new IllegalArgumentException("discovery is set twice: by RayConfig address, port or "
            + "kubernetes (" + describeDiscovery(config) + ") and by the discoverySpi of Spring XML "
            + xml + "; keep one");
      }
      configureDiscovery(cfg, config);
    }
    if (!cfg.isPeerClassLoadingEnabled()) {
      LOG.warn("Spring XML {} leaves peerClassLoadingEnabled off: every node then needs the classes "
          + "of all tasks and actors on its class path, and nodes started with ray-ignite or "
          + "RayConfig (which turn it on) cannot join its cluster", xml);
    }
  }

  private static String describeDiscovery(RayConfig config) {
    List<String> parts = new ArrayList<>();
    if (!config.getAddress().isEmpty()) {
      parts.add("address " + config.getAddress());
    }
    if (config.getPort() > 0) {
      parts.add("port " + config.getPort());
    }
    if (config.getKubernetes() != null) {
      parts.add(config.getKubernetes().toString());
    }
    return String.join(", ", parts);
  }

  /** Kubernetes discovery, or static discovery of the address list (bound to loopback if it is all loopback). */
  private static void configureDiscovery(IgniteConfiguration cfg, RayConfig config) {
    if (config.getKubernetes() != null) {
      cfg.setDiscoverySpi(kubernetesDiscovery(config, System::getenv));
    } else {
      cfg.setDiscoverySpi(staticDiscovery(config));
      if (cfg.getLocalHost() == null && allLoopback(config.getAddress())) {
        cfg.setLocalHost("127.0.0.1");
      }
    }
  }

  /**
   * Discovery through the endpoints of a Kubernetes service. Its addresses carry no port, so
   * Ignite tries each at this node's own discovery port: all nodes must use the same one.
   */
  static TcpDiscoverySpi kubernetesDiscovery(RayConfig config, Function<String, String> env) {
    RayConfig.Kubernetes settings = config.getKubernetes();
    Path token = Path.of(settings.getAccountToken());
    if (!Files.isReadable(token)) {
      throw new IllegalArgumentException("Kubernetes discovery needs the service account token file "
          + token + ", which is missing or unreadable (outside a pod, name one with "
          + "kubernetesAccountToken / --kubernetes-account-token)");
    }
    KubernetesConnectionConfiguration kubernetes = new KubernetesConnectionConfiguration();
    kubernetes.setNamespace(settings.getNamespace());
    kubernetes.setServiceName(settings.getServiceName());
    kubernetes.setAccountToken(token.toString());
    String master = kubernetesMasterUrl(settings, env);
    if (master != null) {
      kubernetes.setMasterUrl(master);
    }
    // Pods that are starting are listed too: two pods that start at once then find each other
    // instead of each forming a cluster of its own while neither is ready yet.
    kubernetes.setIncludeNotReadyAddresses(true);
    TcpDiscoverySpi discovery = new TcpDiscoverySpi();
    discovery.setIpFinder(new TcpDiscoveryKubernetesIpFinder(kubernetes));
    if (config.getPort() > 0) {
      discovery.setLocalPort(config.getPort());
      discovery.setLocalPortRange(0);
    }
    return discovery;
  }

  /**
   * The API server: the configured URL, else the one a pod's environment names (as Kubernetes'
   * own clients do), else null for Ignite's default, {@code kubernetes.default.svc.cluster.local}.
   */
  static String kubernetesMasterUrl(RayConfig.Kubernetes settings, Function<String, String> env) {
    if (settings.getMasterUrl() != null) {
      return settings.getMasterUrl();
    }
    String host = env.apply("KUBERNETES_SERVICE_HOST");
    if (host == null || host.isBlank()) {
      return null;
    }
    String port = env.apply("KUBERNETES_SERVICE_PORT");
    host = host.trim();
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + (port == null || port.isBlank() ? "443" : port.trim());
  }

  private static TcpDiscoverySpi staticDiscovery(RayConfig config) {
    List<String> addresses = new ArrayList<>();
    int firstPort = -1;
    int lastPort = -1;
    for (String entry : config.getAddress().split(",")) {
      String address = entry.trim();
      if (!hasPort(address)) {
        address = address + ":" + RayConfig.DEFAULT_PORT_RANGE;
      }
      addresses.add(address);
      if (firstPort < 0) {
        String ports = address.substring(address.lastIndexOf(':') + 1);
        String[] range = ports.split("\\.\\.");
        firstPort = Integer.parseInt(range[0]);
        lastPort = range.length > 1 ? Integer.parseInt(range[1]) : firstPort;
      }
    }
    TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
    ipFinder.setAddresses(addresses);
    TcpDiscoverySpi discovery = new TcpDiscoverySpi();
    discovery.setIpFinder(ipFinder);
    if (config.getPort() > 0) {
      discovery.setLocalPort(config.getPort());
      discovery.setLocalPortRange(0);
    } else {
      discovery.setLocalPort(firstPort);
      discovery.setLocalPortRange(Math.max(0, lastPort - firstPort));
    }
    return discovery;
  }

  private static boolean hasPort(String address) {
    int colon = address.lastIndexOf(':');
    return colon > 0 && address.indexOf(']') < colon
        && address.substring(colon + 1).matches("\\d+(\\.\\.\\d+)?");
  }

  private static boolean allLoopback(String address) {
    for (String entry : address.split(",")) {
      String host = entry.trim();
      if (hasPort(host)) {
        host = host.substring(0, host.lastIndexOf(':'));
      }
      try {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
          return false;
        }
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return true;
  }

  private static void addObjectStoreRegion(IgniteConfiguration cfg, long requestedBytes) {
    DataStorageConfiguration storage = cfg.getDataStorageConfiguration();
    if (storage == null) {
      storage = new DataStorageConfiguration();
      cfg.setDataStorageConfiguration(storage);
    }
    DataRegionConfiguration[] regions = storage.getDataRegionConfigurations();
    if (regions != null) {
      for (DataRegionConfiguration region : regions) {
        if (OBJECT_STORE_REGION.equals(region.getName())) {
          return;
        }
      }
    }
    long maxBytes = requestedBytes > 0 ? requestedBytes : defaultObjectStoreBytes();
    DataRegionConfiguration region = new DataRegionConfiguration()
        .setName(OBJECT_STORE_REGION)
        .setPersistenceEnabled(false)
        .setInitialSize(Math.min(maxBytes, 32 * MIB))
        .setMaxSize(maxBytes)
        .setMetricsEnabled(true);
    List<DataRegionConfiguration> all = new ArrayList<>();
    if (regions != null) {
      all.addAll(Arrays.asList(regions));
    }
    all.add(region);
    storage.setDataRegionConfigurations(all.toArray(new DataRegionConfiguration[0]));
  }

  /** 20% of physical memory, as Ignite's default region; 1 GiB if the total is unknown. */
  static long defaultObjectStoreBytes() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      long total = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
      if (total > 0) {
        return Math.max(64 * MIB, total / 5);
      }
    }
    return 1024 * MIB;
  }

  private static IgniteConfiguration loadSpringXml(String path) {
    try {
      return IgnitionEx.loadConfiguration(path).get1();
    } catch (IgniteCheckedException | IgniteException e) {
      throw new IllegalArgumentException("cannot load Ignite Spring XML " + path + ": " + e.getMessage(), e);
    }
  }

  /** Ignite keeps marshaller mappings in its work directory: under the temp dir, not the current one. */
  private static String defaultWorkDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"),
        "ray-on-ignite-" + System.getProperty("user.name", "user"), "work").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      return TcpCommunicationSpi.DFLT_PORT;
    }
  }

  /** Ignite's banner, update check and tuning hints are noise for an embedded library. */
  private static void quietIgniteDefaults() {
    setIfAbsent("IGNITE_NO_ASCII", "true");
    setIfAbsent("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
    setIfAbsent("IGNITE_UPDATE_NOTIFIER", "false");
    setIfAbsent("IGNITE_DUMP_THREADS_ON_FAILURE", "false");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
