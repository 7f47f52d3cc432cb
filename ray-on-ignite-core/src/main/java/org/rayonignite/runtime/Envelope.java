package org.rayonignite.runtime;

import org.apache.ignite.internal.util.lang.GridPeerDeployAware;

/**
 * The one message class the runtime sends between nodes: a batch, already encoded. It names a
 * deploy class, the class of the functions in the batch, so that Ignite's peer class loading
 * makes the receiving node load them (and whatever they use) from the sender when its own class
 * path lacks them. {@link GridPeerDeployAware} is Ignite's hook for exactly that.
 */
final class Envelope implements GridPeerDeployAware {
  private static final long serialVersionUID = 1L;

  private final Class<?> deployClass;
  private final byte[] payload;

  Envelope(Class<?> deployClass, byte[] payload) {
    this.deployClass = deployClass;
    this.payload = payload;
  }

  byte[] payload() {
    return payload;
  }

  /** The loader of the deploy class: on a receiving node, Ignite's peer class loader for the sender. */
  ClassLoader deployClassLoader() {
    ClassLoader loader = deployClass().getClassLoader();
    return loader != null ? loader : Envelope.class.getClassLoader();
  }

  Class<?> sentDeployClass() {
    return deployClass;
  }

  @Override
  public Class<?> deployClass() {
    return deployClass != null ? deployClass : Envelope.class;
  }

  @Override
  public ClassLoader classLoader() {
    return deployClassLoader();
  }
}
