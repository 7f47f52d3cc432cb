package org.rayonignite.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.rayonignite.config.NodeConfigurations;
import org.rayonignite.config.RayConfig;
import org.rayonignite.runtime.ClusterStateReader;

/**
 * The read commands' way into a cluster: an Ignite client node (it takes no tasks and holds no
 * data) without a Ray runtime, so it never shows among the cluster's nodes, and stopped on close.
 * It gives up joining after {@link #JOIN_TIMEOUT_MS} instead of waiting for a cluster forever, as
 * an Ignite client would.
 */
final class ClusterConnection implements AutoCloseable {
  static final long JOIN_TIMEOUT_MS = 5_000;
  /** How long a discovery address may take to accept a connection before the next is tried. */
  private static final int PROBE_TIMEOUT_MS = 300;

  private final Ignite ignite;

  private ClusterConnection(Ignite ignite) {
    this.ignite = ignite;
  }

  /**
   * Joins the cluster at {@code options.address}.
   *
   * @throws ClusterUnreachableException if no node answers in time, with the reason
   */
  static ClusterConnection open(StateOptions options, Function<String, String> env) {
    RayConfig.Builder builder = RayConfig.builder().address(options.address).clientMode(true);
    options.tls.applyTo(builder, env);
    IgniteConfiguration configuration;
    try {
      configuration = NodeConfigurations.create(builder.build(), List.of());
    } catch (IgniteException e) { // Ignite's address parsing
      throw new IllegalArgumentException("--address " + options.address + ": " + e.getMessage(), e);
    }
    configuration.setIgniteInstanceName("ray-ignite-cli-" + UUID.randomUUID().toString().substring(0, 8));
    if (configuration.getDiscoverySpi() instanceof TcpDiscoverySpi discovery) {
      discovery.setJoinTimeout(JOIN_TIMEOUT_MS);
      if (!anyListening(discovery, options.address)) {
        throw new ClusterUnreachableException("no Ray on Ignite cluster at " + options.address
            + ": nothing listens there (start nodes with 'ray-ignite start --address "
            + options.address + "', or give the cluster's --address)", null);
      }
    }
    configuration.setClientFailureDetectionTimeout(JOIN_TIMEOUT_MS);
    try {
      return new ClusterConnection(Ignition.start(configuration));
    } catch (IgniteException e) {
      String tls = RayIgnite.tlsReason(e);
      throw new ClusterUnreachableException(tls != null ? "could not connect to " + options.address
          + ": " + tls : "no Ray on Ignite cluster answered at " + options.address + " within "
          + JOIN_TIMEOUT_MS / 1000 + " s (start nodes with 'ray-ignite start --address "
          + options.address + "', or give the cluster's --address)", e);
    }
  }

  /**
   * Whether any discovery address takes a TCP connection: if none does, no cluster is there, and
   * saying so at once beats waiting out the join timeout.
   */
  private static boolean anyListening(TcpDiscoverySpi discovery, String given) {
    Collection<InetSocketAddress> addresses;
    try {
      addresses = discovery.getIpFinder().getRegisteredAddresses();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--address " + given + ": " + e.getMessage(), e);
    }
    for (InetSocketAddress address : addresses) {
      try (Socket socket = new Socket()) {
        socket.connect(address, PROBE_TIMEOUT_MS);
        return true;
      } catch (IOException e) {
        // Nothing there: try the next.
      }
    }
    return false;
  }

  ClusterStateReader reader() {
    return new ClusterStateReader(ignite);
  }

  @Override
  public void close() {
    Ignition.stop(ignite.name(), true);
  }

  /** No cluster could be reached at the address given. */
  static final class ClusterUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
