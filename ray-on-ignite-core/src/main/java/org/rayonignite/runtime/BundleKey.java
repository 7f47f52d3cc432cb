package org.rayonignite.runtime;

import org.rayonignite.api.PlacementGroupId;

/** Bundle {@code index} of placement group {@code group}. */
record BundleKey(PlacementGroupId group, int index) {
  @Override
  public String toString() {
    return group + "#" + index;
  }
}
