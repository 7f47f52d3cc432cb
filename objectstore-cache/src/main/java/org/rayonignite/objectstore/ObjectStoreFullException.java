package org.rayonignite.objectstore;

/** A value does not fit in the object store's data region. */
public final class ObjectStoreFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ObjectStoreFullException(String message) {
    super(message);
  }
}
