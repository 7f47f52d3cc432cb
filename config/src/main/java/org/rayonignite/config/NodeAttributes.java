package org.rayonignite.config;

/**
 * Names of the Ignite user attributes through which a node declares itself to the cluster.
 * A Spring XML node sets them as {@code userAttributes} of its {@code IgniteConfiguration}.
 */
public final class NodeAttributes {
  /** Prefix of resource attributes: {@code ray.resources.CPU = "4"}. */
  public static final String RESOURCE_PREFIX = "ray.resources.";
  /** Prefix of label attributes: {@code ray.labels.zone = "a"}. */
  public static final String LABEL_PREFIX = "ray.labels.";

  private NodeAttributes() {}
}
