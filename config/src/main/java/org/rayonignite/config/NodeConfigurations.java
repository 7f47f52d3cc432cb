package org.rayonignite.config;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Turns a {@link RayConfig} into the {@link IgniteConfiguration} of a node that works as an
 * embedded library: static discovery (never multicast), loopback-only when the address is
 * loopback, logging through SLF4J only, a failure handler that stops the Ignite node but never
 * the host JVM, peer class loading on, and an off-heap data region for the object store.
 */
public final class NodeConfigurations {
  /** The data region that holds the object store, sized by {@code objectStoreMemoryBytes}. */
  public static final String OBJECT_STORE_REGION = "ray-object-store";

  private static final long MIB = 1024L * 1024;
  private static final AtomicInteger INSTANCE_COUNTER = new AtomicInteger();

  private NodeConfigurations() {}

  /**
   * The Ignite configuration of a node started from {@code config}, with {@code caches} added.
   * A Spring XML configuration is loaded and our settings added to it, not replacing the user's.
   */
  public static IgniteConfiguration create(RayConfig config, List<CacheConfiguration<?, ?>> caches) {
    quietIgniteDefaults();
    IgniteConfiguration cfg = config.getSpringXml() != null ? loadSpringXml(config.getSpringXml())
        : newLibraryConfiguration(config);
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

    if (config.getKubernetes() != null) {
      KubernetesConnectionConfiguration kubernetes = new KubernetesConnectionConfiguration();
      kubernetes.setNamespace(config.getKubernetes().getNamespace());
      kubernetes.setServiceName(config.getKubernetes().getServiceName());
      TcpDiscoverySpi discovery = new TcpDiscoverySpi();
      discovery.setIpFinder(new TcpDiscoveryKubernetesIpFinder(kubernetes));
      if (config.getPort() > 0) {
        discovery.setLocalPort(config.getPort());
        discovery.setLocalPortRange(0);
      }
      cfg.setDiscoverySpi(discovery);
    } else if (config.getAddress().isEmpty()) {
      // One node, nobody else: no discovery ports, so parallel embedded JVMs never meet.
      cfg.setDiscoverySpi(new IsolatedDiscoverySpi());
      cfg.setLocalHost("127.0.0.1");
      communication.setLocalPort(freePort());
    } else {
      cfg.setDiscoverySpi(staticDiscovery(config));
      if (allLoopback(config.getAddress())) {
        cfg.setLocalHost("127.0.0.1");
      }
    }
    DataStorageConfiguration storage = new DataStorageConfiguration();
    storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration()
        .setName("default").setInitialSize(16 * MIB).setMaxSize(512 * MIB));
    cfg.setDataStorageConfiguration(storage);
    return cfg;
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
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
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
