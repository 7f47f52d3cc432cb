package org.rayonignite.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.rayonignite.api.options.RuntimeEnv;

/**
 * How this process joins (or starts) a Ray on Ignite cluster. Immutable; made with
 * {@link #builder()}, or read from system properties {@code ray.*} and environment variables
 * {@code RAY_*} by {@link #fromSystem()} (what {@code Ray.init()} does).
 *
 * <pre>{@code
 * Ray.init(RayConfig.builder()
 *     .address("127.0.0.1:47500..47509")
 *     .resources(Map.of("CPU", 2.0))
 *     .build());
 * }</pre>
 */
public final class RayConfig {
  /** Default discovery ports when an address names only a host. */
  public static final String DEFAULT_PORT_RANGE = "47500..47509";

  private static final Pattern ADDRESS_ENTRY =
      Pattern.compile("[A-Za-z0-9_.\\-\\[\\]:]+?(:\\d{1,5}(\\.\\.\\d{1,5})?)?");

  private final String address;
  private final int port;
  private final String namespace;
  private final Map<String, Double> resources;
  private final Map<String, String> labels;
  private final long objectStoreMemoryBytes;
  private final int objectStoreBackups;
  private final String springXml;
  private final boolean clientMode;
  private final Kubernetes kubernetes;
  private final RuntimeEnv runtimeEnv;
  private final Tls tls;
  private final String workDirectory;
  private final int metricsPort;
  private final List<String> deserializationAllowList;
  private final List<String> deserializationDenyList;

  private RayConfig(Builder b) {
    this.address = b.address;
    this.port = b.port;
    this.namespace = b.namespace != null ? b.namespace : "anonymous-" + UUID.randomUUID();
    this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
    this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    this.objectStoreMemoryBytes = b.objectStoreMemoryBytes;
    this.objectStoreBackups = b.objectStoreBackups;
    this.springXml = b.springXml;
    this.clientMode = b.clientMode;
    this.kubernetes = b.kubernetes();
    this.runtimeEnv = b.runtimeEnv;
    this.tls = b.tls;
    this.workDirectory = b.workDirectory;
    this.metricsPort = b.metricsPort;
    this.deserializationAllowList = List.copyOf(b.deserializationAllowList);
    this.deserializationDenyList = List.copyOf(b.deserializationDenyList);
  }

  /** A new builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.address = address;
    b.port = port;
    b.namespace = namespace;
    b.resources.putAll(resources);
    b.labels.putAll(labels);
    b.objectStoreMemoryBytes = objectStoreMemoryBytes;
    b.objectStoreBackups = objectStoreBackups;
    b.springXml = springXml;
    b.clientMode = clientMode;
    if (kubernetes != null) {
      b.kubernetesNamespace = kubernetes.namespace;
      b.kubernetesService = kubernetes.serviceName;
      b.kubernetesMasterUrl = kubernetes.masterUrl;
      b.kubernetesAccountToken = kubernetes.accountToken;
    }
    b.runtimeEnv = runtimeEnv;
    b.tls = tls;
    b.workDirectory = workDirectory;
    b.metricsPort = metricsPort;
    b.deserializationAllowList = deserializationAllowList;
    b.deserializationDenyList = deserializationDenyList;
    return b;
  }

  /**
   * The configuration named by system properties {@code ray.<field>} and, where a property is
   * absent, environment variables {@code RAY_<FIELD>} (e.g. {@code ray.address} /
   * {@code RAY_ADDRESS}, {@code ray.objectStoreMemoryBytes} / {@code RAY_OBJECT_STORE_MEMORY_BYTES}).
   * Maps are written {@code CPU=2,GPU=1}; kubernetes as {@code namespace/service}, with
   * {@code ray.kubernetesMasterUrl} / {@code RAY_KUBERNETES_MASTER_URL} and
   * {@code ray.kubernetesAccountToken} / {@code RAY_KUBERNETES_ACCOUNT_TOKEN} (a file) beside it
   * when the defaults do not fit. TLS takes all
   * four of {@code ray.tlsKeyStore}, {@code ray.tlsKeyStorePassword}, {@code ray.tlsTrustStore},
   * {@code ray.tlsTrustStorePassword} (or {@code RAY_TLS_KEY_STORE}, {@code RAY_TLS_KEY_STORE_PASSWORD},
   * {@code RAY_TLS_TRUST_STORE}, {@code RAY_TLS_TRUST_STORE_PASSWORD}) or none. Class name
   * pattern lists ({@code ray.deserializationAllowList}, {@code ray.deserializationDenyList}) are
   * comma separated: {@code com.acme.*,org.example.Dto}.
   */
  public static RayConfig fromSystem() {
    return fromSources(System::getProperty, System::getenv);
  }

  static RayConfig fromSources(Function<String, String> properties, Function<String, String> env) {
    Builder b = builder();
    Function<String, String> read = field -> {
      String value = properties.apply("ray." + field);
      return value != null ? value : env.apply("RAY_" + toUpperSnake(field));
    };
    String value;
    if ((value = read.apply("address")) != null) {
      b.address(value);
    }
    if ((value = read.apply("port")) != null) {
      b.port(parseInt("ray.port", value));
    }
    if ((value = read.apply("namespace")) != null) {
      b.namespace(value);
    }
    if ((value = read.apply("resources")) != null) {
      b.resources(parseResources(value));
    }
    if ((value = read.apply("labels")) != null) {
      b.labels(parseLabels(value));
    }
    if ((value = read.apply("objectStoreMemoryBytes")) != null) {
      b.objectStoreMemoryBytes(parseLong("ray.objectStoreMemoryBytes", value));
    }
    if ((value = read.apply("objectStoreBackups")) != null) {
      b.objectStoreBackups(parseInt("ray.objectStoreBackups", value));
    }
    if ((value = read.apply("springXml")) != null) {
      b.springXml(value);
    }
    if ((value = read.apply("clientMode")) != null) {
      b.clientMode(Boolean.parseBoolean(value.trim()));
    }
    if ((value = read.apply("kubernetes")) != null) {
      b.kubernetes(value);
    }
    if ((value = read.apply("kubernetesMasterUrl")) != null) {
      b.kubernetesMasterUrl(value);
    }
    if ((value = read.apply("kubernetesAccountToken")) != null) {
      b.kubernetesAccountToken(value);
    }
    if ((value = read.apply("workDirectory")) != null) {
      b.workDirectory(value);
    }
    if ((value = read.apply("metricsPort")) != null) {
      b.metricsPort(parseInt("ray.metricsPort", value));
    }
    if ((value = read.apply("deserializationAllowList")) != null) {
      b.deserializationAllowList(ClassNamePattern.parseList(value));
    }
    if ((value = read.apply("deserializationDenyList")) != null) {
      b.deserializationDenyList(ClassNamePattern.parseList(value));
    }
    readTls(read, b);
    return b.build();
  }

  /** The four {@code tls*} fields: all or none. */
  private static void readTls(Function<String, String> read, Builder b) {
    String[] fields = {"tlsKeyStore", "tlsKeyStorePassword", "tlsTrustStore", "tlsTrustStorePassword"};
    String[] values = new String[fields.length];
    StringBuilder missing = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      values[i] = read.apply(fields[i]);
      if (values[i] == null) {
        missing.append(missing.length() == 0 ? "" : ", ").append("ray.").append(fields[i])
            .append(" / RAY_").append(toUpperSnake(fields[i]));
      }
    }
    if (Arrays.stream(values).allMatch(Objects::isNull)) {
      return;
    }
    if (missing.length() > 0) {
      throw new IllegalArgumentException("TLS needs a key store, a trust store and both "
          + "passwords; missing: " + missing);
    }
    b.tls(values[0], values[1], values[2], values[3]);
  }

  private static String toUpperSnake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static int parseInt(String what, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be an integer, got \"" + value + "\"");
    }
  }

  private static long parseLong(String what, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be an integer, got \"" + value + "\"");
    }
  }

  /** Parses {@code CPU=2,GPU=1,custom=0.5} into a resource map; rejects bad names and amounts. */
  public static Map<String, Double> parseResources(String text) {
    Map<String, Double> resources = new LinkedHashMap<>();
    parsePairs(text, "resources").forEach((name, amount) -> {
      try {
        resources.put(name, Double.parseDouble(amount));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("resource " + name + " needs a number, got \"" + amount
            + "\" in \"" + text + "\"");
      }
    });
    return resources;
  }

  /** Parses {@code zone=a,tier=gold} into a label map. */
  public static Map<String, String> parseLabels(String text) {
    return parsePairs(text, "labels");
  }

  private static Map<String, String> parsePairs(String text, String what) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return pairs;
    }
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(what + " must be NAME=VALUE[,NAME=VALUE...], got \""
            + text + "\"");
      }
      pairs.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return pairs;
  }

  /** The discovery addresses to join (host, host:port or host:port..port, comma separated); empty = embedded. */
  public String getAddress() {
    return address;
  }

  /** Whether no address is set: {@code Ray.init} starts a one-node cluster in this JVM. */
  public boolean isEmbedded() {
    return address.isEmpty() && kubernetes == null && springXml == null;
  }

  /** This node's discovery port; 0 = the first free one in the address's range. */
  public int getPort() {
    return port;
  }

  /** The job's namespace (named actors and placement groups are unique per namespace). */
  public String getNamespace() {
    return namespace;
  }

  /** The node's resources; empty = defaults ({@code CPU} = available cores). */
  public Map<String, Double> getResources() {
    return resources;
  }

  /** The node's labels. */
  public Map<String, String> getLabels() {
    return labels;
  }

  /** The object store's off-heap size in bytes; 0 = the default (20% of physical memory, as Ignite). */
  public long getObjectStoreMemoryBytes() {
    return objectStoreMemoryBytes;
  }

  /** Backup copies of each object on other nodes. Default 0. */
  public int getObjectStoreBackups() {
    return objectStoreBackups;
  }

  /** The Ignite Spring XML to start the node from, or null. */
  public String getSpringXml() {
    return springXml;
  }

  /** Whether the node joins as an Ignite client node (runs no tasks, stores no objects). */
  public boolean isClientMode() {
    return clientMode;
  }

  /** Kubernetes discovery settings, or null. */
  public Kubernetes getKubernetes() {
    return kubernetes;
  }

  /** The job's default runtime environment. */
  public RuntimeEnv getRuntimeEnv() {
    return runtimeEnv;
  }

  /** TLS settings, or null for plain TCP. */
  public Tls getTls() {
    return tls;
  }

  /** Ignite's work directory, or null for Ignite's default. */
  public String getWorkDirectory() {
    return workDirectory;
  }

  /** The port of this node's Prometheus metrics endpoint; 0 = none. */
  public int getMetricsPort() {
    return metricsPort;
  }

  /**
   * Class name patterns that alone may be deserialized, besides JDK basics, exceptions and Ray's
   * own classes; empty = no allow list (every class the deny lists let through).
   */
  public List<String> getDeserializationAllowList() {
    return deserializationAllowList;
  }

  /** Class name patterns never deserialized, on top of the built-in list of known gadget classes. */
  public List<String> getDeserializationDenyList() {
    return deserializationDenyList;
  }

  @Override
  public String toString() {
    return "RayConfig{address='" + address + "', port=" + port + ", namespace='" + namespace
        + "', resources=" + resources + ", labels=" + labels + ", objectStoreMemoryBytes="
        + objectStoreMemoryBytes + ", objectStoreBackups=" + objectStoreBackups
        + (springXml != null ? ", springXml=" + springXml : "")
        + (clientMode ? ", clientMode" : "") + (kubernetes != null ? ", " + kubernetes : "")
        + (tls != null ? ", " + tls : "") + (metricsPort > 0 ? ", metricsPort=" + metricsPort : "")
        + (deserializationAllowList.isEmpty() ? ""
            : ", deserializationAllowList=" + deserializationAllowList)
        + (deserializationDenyList.isEmpty() ? ""
            : ", deserializationDenyList=" + deserializationDenyList) + "}";
  }

  /**
   * Kubernetes discovery: the namespace and the (headless) service whose endpoints are the nodes,
   * and how to reach the Kubernetes API.
   */
  public static final class Kubernetes {
    /** Where a pod finds its service account's token. */
    public static final String DEFAULT_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private final String namespace;
    private final String serviceName;
    private final String masterUrl;
    private final String accountToken;

    Kubernetes(String namespace, String serviceName, String masterUrl, String accountToken) {
      this.namespace = requireText(namespace, "kubernetes namespace");
      this.serviceName = requireText(serviceName, "kubernetes service name");
      this.masterUrl = masterUrl;
      this.accountToken = accountToken;
    }

    /** The Kubernetes namespace. */
    public String getNamespace() {
      return namespace;
    }

    /** The service name. */
    public String getServiceName() {
      return serviceName;
    }

    /**
     * The Kubernetes API server's URL, or null for the one a pod sees:
     * {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}, and without those
     * variables Ignite's default {@code https://kubernetes.default.svc.cluster.local:443}.
     */
    public String getMasterUrl() {
      return masterUrl;
    }

    /** The file holding the service account's token; default {@value #DEFAULT_ACCOUNT_TOKEN}. */
    public String getAccountToken() {
      return accountToken != null ? accountToken : DEFAULT_ACCOUNT_TOKEN;
    }

    @Override
    public String toString() {
      return "kubernetes=" + namespace + "/" + serviceName
          + (masterUrl != null ? ", kubernetesMasterUrl=" + masterUrl : "")
          + (accountToken != null ? ", kubernetesAccountToken=" + accountToken : "");
    }
  }

  /** TLS with client authentication on discovery and communication. */
  public static final class Tls {
    private final String keyStore;
    private final String keyStorePassword;
    private final String trustStore;
    private final String trustStorePassword;

    Tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
      this.keyStore = requireText(keyStore, "tls key store");
      this.keyStorePassword = Objects.requireNonNull(keyStorePassword, "tls key store password");
      this.trustStore = requireText(trustStore, "tls trust store");
      this.trustStorePassword = Objects.requireNonNull(trustStorePassword, "tls trust store password");
    }

    /** Path of the key store (JKS or PKCS12). */
    public String getKeyStore() {
      return keyStore;
    }

    /** The key store's password. */
    public String getKeyStorePassword() {
      return keyStorePassword;
    }

    /** Path of the trust store. */
    public String getTrustStore() {
      return trustStore;
    }

    /** The trust store's password. */
    public String getTrustStorePassword() {
      return trustStorePassword;
    }

    /** The store paths; never the passwords. */
    @Override
    public String toString() {
      return "tls{keyStore=" + keyStore + ", trustStore=" + trustStore + "}";
    }
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank: \"" + value + "\"");
    }
    return value.trim();
  }

  /** Builds a {@link RayConfig}. Each setter checks its value and names it in the error. */
  public static final class Builder {
    private String address = "";
    private int port;
    private String namespace;
    private final Map<String, Double> resources = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private long objectStoreMemoryBytes;
    private int objectStoreBackups;
    private String springXml;
    private boolean clientMode;
    private String kubernetesNamespace;
    private String kubernetesService;
    private String kubernetesMasterUrl;
    private String kubernetesAccountToken;
    private RuntimeEnv runtimeEnv = RuntimeEnv.empty();
    private Tls tls;
    private String workDirectory;
    private int metricsPort;
    private List<String> deserializationAllowList = List.of();
    private List<String> deserializationDenyList = List.of();

    private Builder() {}

    /**
     * The discovery addresses of the cluster to join: {@code host}, {@code host:port} or
     * {@code host:port..port}, comma separated, e.g. {@code "127.0.0.1:47500..47509"}. A host
     * without a port means ports {@value RayConfig#DEFAULT_PORT_RANGE}. Default empty: an embedded
     * one-node cluster.
     */
    public Builder address(String address) {
      String trimmed = address == null ? "" : address.trim();
      for (String entry : trimmed.isEmpty() ? new String[0] : trimmed.split(",")) {
        String e = entry.trim();
        if (e.isEmpty() || !ADDRESS_ENTRY.matcher(e).matches()) {
          throw new IllegalArgumentException("address entries must be host, host:port or "
              + "host:port..port, got \"" + e + "\" in \"" + address + "\"");
        }
      }
      this.address = trimmed;
      return this;
    }

    /** This node's discovery port. Default 0: the first free port of the address's range. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The job's namespace. Default: an anonymous namespace of its own (as Ray). */
    public Builder namespace(String namespace) {
      this.namespace = requireText(namespace, "namespace");
      return this;
    }

    /** The node's resources, e.g. {@code Map.of("CPU", 2.0, "GPU", 1.0)}. Default: CPU = cores. */
    public Builder resources(Map<String, Double> resources) {
      for (Map.Entry<String, Double> e : resources.entrySet()) {
        resource(e.getKey(), e.getValue());
      }
      return this;
    }

    /** One node resource. */
    public Builder resource(String name, double amount) {
      if (name == null || name.isBlank() || name.contains(",") || name.contains("=")) {
        throw new IllegalArgumentException("bad resource name: \"" + name + "\"");
      }
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException("resource " + name + " must be >= 0, got " + amount);
      }
      resources.put(name.trim(), amount);
      return this;
    }

    /** The node's labels, e.g. {@code Map.of("zone", "a")}. */
    public Builder labels(Map<String, String> labels) {
      labels.forEach(this::label);
      return this;
    }

    /** One node label. */
    public Builder label(String name, String value) {
      if (name == null || name.isBlank() || value == null) {
        throw new IllegalArgumentException("bad label: " + name + "=" + value);
      }
      labels.put(name.trim(), value.trim());
      return this;
    }

    /** The object store's off-heap size in bytes. Default: 20% of physical memory. */
    public Builder objectStoreMemoryBytes(long bytes) {
      if (bytes != 0 && bytes < 16L * 1024 * 1024) {
        throw new IllegalArgumentException("objectStoreMemoryBytes must be at least 16 MiB, got " + bytes);
      }
      this.objectStoreMemoryBytes = bytes;
      return this;
    }

    /** Backup copies of each object on other nodes. Default 0. */
    public Builder objectStoreBackups(int backups) {
      if (backups < 0) {
        throw new IllegalArgumentException("objectStoreBackups must be >= 0, got " + backups);
      }
      this.objectStoreBackups = backups;
      return this;
    }

    /** Start the node from this Ignite Spring XML file (an {@code IgniteConfiguration} bean). */
    public Builder springXml(String path) {
      this.springXml = requireText(path, "springXml");
      return this;
    }

    /** Join as an Ignite client node. Default false. */
    public Builder clientMode(boolean clientMode) {
      this.clientMode = clientMode;
      return this;
    }

    /**
     * Find the other nodes through the endpoints of a Kubernetes service (Ignite's
     * {@code TcpDiscoveryKubernetesIpFinder}): the pods behind {@code serviceName} in
     * {@code namespace}. The endpoints list IPs only: every node uses the same discovery port
     * ({@link #port}, default 47500). Default: no Kubernetes discovery.
     */
    public Builder kubernetes(String namespace, String serviceName) {
      this.kubernetesNamespace = requireText(namespace, "kubernetes namespace");
      this.kubernetesService = requireText(serviceName, "kubernetes service name");
      return this;
    }

    /** As {@link #kubernetes(String, String)}, written {@code NAMESPACE/SERVICE}, e.g. {@code "default/ray-ignite"}. */
    public Builder kubernetes(String namespaceAndService) {
      String text = namespaceAndService == null ? "" : namespaceAndService.trim();
      int slash = text.indexOf('/');
      if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException(
            "kubernetes must be NAMESPACE/SERVICE, got \"" + namespaceAndService + "\"");
      }
      return kubernetes(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * The Kubernetes API server to ask for the service's endpoints, e.g.
     * {@code https://10.96.0.1:443}. Default: the one a pod sees, from
     * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}. Needs {@link #kubernetes}.
     */
    public Builder kubernetesMasterUrl(String url) {
      String text = requireText(url, "kubernetesMasterUrl");
      if (!text.startsWith("https://")) {
        throw new IllegalArgumentException("kubernetesMasterUrl must be an https:// URL (Ignite's "
            + "Kubernetes IP finder speaks HTTPS only), got \"" + url + "\"");
      }
      this.kubernetesMasterUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      return this;
    }

    /**
     * The file with the service account token sent to the API server. Default
     * {@value Kubernetes#DEFAULT_ACCOUNT_TOKEN}. Needs {@link #kubernetes}.
     */
    public Builder kubernetesAccountToken(String file) {
      this.kubernetesAccountToken = requireText(file, "kubernetesAccountToken");
      return this;
    }

    private Kubernetes kubernetes() {
      if (kubernetesNamespace == null) {
        if (kubernetesMasterUrl != null || kubernetesAccountToken != null) {
          throw new IllegalArgumentException("kubernetesMasterUrl and kubernetesAccountToken need "
              + "kubernetes(namespace, serviceName) too");
        }
        return null;
      }
      return new Kubernetes(kubernetesNamespace, kubernetesService, kubernetesMasterUrl,
          kubernetesAccountToken);
    }

    /** The job's default runtime environment. */
    public Builder runtimeEnv(RuntimeEnv runtimeEnv) {
      this.runtimeEnv = Objects.requireNonNull(runtimeEnv, "runtimeEnv");
      return this;
    }

    /**
     * TLS with client authentication on discovery and communication: every connection between
     * nodes, in both directions, is encrypted and both ends must present a certificate that the
     * other's trust store trusts. Default: none (plain TCP). All nodes of a cluster need it.
     *
     * <pre>{@code
     * RayConfig.builder().address("10.0.0.5:47500..47509")
     *     .tls("node1.p12", keyPassword, "truststore.p12", trustPassword)
     *     .build();
     * }</pre>
     *
     * <p>The files are opened by {@code Ray.init}, which fails with an
     * {@link IllegalArgumentException} naming the file if one is missing, unreadable, or does not
     * open with its password. The passwords are never printed ({@link RayConfig#toString()}
     * omits them).
     *
     * @param keyStore path of a PKCS12 or JKS file with this node's private key and certificate
     *     chain; the key's password must be the store's
     * @param keyStorePassword the key store's password
     * @param trustStore path of a PKCS12 or JKS file with the certificates to trust, usually the
     *     certificate of the CA that signed the nodes' certificates
     * @param trustStorePassword the trust store's password
     */
    public Builder tls(String keyStore, String keyStorePassword, String trustStore,
        String trustStorePassword) {
      this.tls = new Tls(keyStore, keyStorePassword, trustStore, trustStorePassword);
      return this;
    }

    /** Ignite's work directory. Default: Ignite's. */
    public Builder workDirectory(String directory) {
      this.workDirectory = requireText(directory, "workDirectory");
      return this;
    }

    /**
     * Serves this node's metrics (the {@code ray.*} registries of Ignite's metric manager) in
     * Prometheus text format at {@code http://HOST:PORT/metrics}; {@code /metrics?ignite=true}
     * adds Ignite's own. Default 0: no endpoint (the metrics are still in Ignite's registry,
     * so JMX and Ignite's exporters see them).
     */
    public Builder metricsPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("metricsPort must be 1..65535 (0 = none), got " + port);
      }
      this.metricsPort = port;
      return this;
    }

    /**
     * Only classes matching these patterns may be deserialized from task arguments, return
     * values and stored objects, besides JDK basics ({@code java.lang}, {@code java.util},
     * {@code java.time}, {@code java.math}, primitives and arrays), exceptions and Ray's own
     * {@code org.rayonignite} classes. {@code *} matches any characters: {@code com.acme.*}.
     * The deny lists still apply. Default empty: no allow list.
     *
     * @throws IllegalArgumentException naming a pattern that is not a class name with wildcards
     */
    public Builder deserializationAllowList(List<String> patterns) {
      this.deserializationAllowList = patterns(patterns);
      return this;
    }

    /**
     * Classes matching these patterns are never deserialized: a value holding one fails with a
     * {@code RaySerializationException} naming the class. Added to the built-in list of known
     * gadget classes (Commons Collections functors, {@code TemplatesImpl}, ...), which always
     * applies. Default empty.
     *
     * @throws IllegalArgumentException naming a pattern that is not a class name with wildcards
     */
    public Builder deserializationDenyList(List<String> patterns) {
      this.deserializationDenyList = patterns(patterns);
      return this;
    }

    private static List<String> patterns(List<String> patterns) {
      List<String> checked = new java.util.ArrayList<>();
      for (String pattern : Objects.requireNonNull(patterns, "patterns")) {
        checked.add(ClassNamePattern.of(pattern).toString());
      }
      return List.copyOf(checked);
    }

    /** The configuration. */
    public RayConfig build() {
      return new RayConfig(this);
    }
  }
}
