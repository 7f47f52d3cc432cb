package org.rayonignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.lifecycle.LifecycleBean;
import org.apache.ignite.lifecycle.LifecycleEventType;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.rayonignite.config.RayConfig;
import org.rayonignite.runtime.NodeRuntime;

/**
 * Makes an Ignite node that something other than Ray starts — Ignite's own launcher
 * ({@code ignite.sh config.xml} with this project's jars in {@code IGNITE_HOME/libs}), or
 * {@code Ignition.start("config.xml")} in an application — a full Ray on Ignite node: declared in
 * the node's Spring XML, it starts the Ray runtime once the node is up and stops it before the node
 * stops.
 *
 * <pre>{@code
 * <bean class="org.apache.ignite.configuration.IgniteConfiguration">
 *   <property name="peerClassLoadingEnabled" value="true"/>
 *   <property name="lifecycleBeans">
 *     <list><bean class="org.rayonignite.RayLifecycleBean"/></list>
 *   </property>
 *   ...
 * }</pre>
 *
 * <p>The node's resources and labels come from its user attributes {@code ray.resources.<NAME>}
 * and {@code ray.labels.<NAME>} (default {@code CPU} = the machine's cores), its namespace and
 * object store backups from the properties below, else from {@code ray.*} system properties /
 * {@code RAY_*} environment variables as for {@code Ray.init()}. The object store cache lives in
 * data region {@code ray-object-store} when the XML declares one, else in the default region; all
 * nodes of a cluster must agree, so declare it in an XML that nodes started by
 * {@code ray-ignite start --spring-xml} share (they add it).
 *
 * <p>The first node in a JVM that gets Ray becomes that process's Ray: {@code Ray.task(...)} and
 * the rest work there, and {@code Ray.init(...)} is then a no-op. A node that
 * {@code ray-ignite start --spring-xml} or {@code RayConfig.springXml} starts ignores this bean:
 * those start Ray on the node themselves, so one XML serves every launcher.
 */
public final class RayLifecycleBean implements LifecycleBean {
  @IgniteInstanceResource
  private Ignite ignite;
  private String namespace;
  private Integer objectStoreBackups;
  /** The runtime on this bean's node while it runs; set and cleared on Ignite's start and stop threads. */
  private volatile NodeRuntime runtime;

  /** The namespace of the node's job (named actors, placement groups). Default: as {@code Ray.init()}. */
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** Backup copies of each object on other nodes. Default: as {@code Ray.init()} (0). */
  public void setObjectStoreBackups(int backups) {
    this.objectStoreBackups = backups;
  }

  @Override
  public void onLifecycleEvent(LifecycleEventType event) {
    switch (event) {
      case AFTER_NODE_START -> start();
      case BEFORE_NODE_STOP -> stop();
      default -> { }
    }
  }

  private void start() {
    if (ignite == null) {
      throw new IllegalStateException("RayLifecycleBean got no Ignite instance: declare it in "
          + "IgniteConfiguration's lifecycleBeans, where Ignite injects its node");
    }
    RayConfig.Builder config = RayConfig.fromSystem().toBuilder();
    if (namespace != null) {
      config.namespace(namespace);
    }
    if (objectStoreBackups != null) {
      config.objectStoreBackups(objectStoreBackups);
    }
    runtime = Ray.attach(ignite, config.build());
  }

  private void stop() {
    NodeRuntime started = runtime;
    runtime = null;
    if (started != null) {
      Ray.detach(started);
    }
  }
}
