package org.rayonignite.api.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.actor.ActorLifetime;

/**
 * What to reserve for a placement group: bundles, strategy, an optional name and a lifetime.
 * Immutable; made with {@link #builder()} or {@code new PlacementGroupCreationOptions.Builder()}.
 */
public final class PlacementGroupCreationOptions {
  private final String name;
  private final List<Map<String, Double>> bundles;
  private final PlacementStrategy strategy;
  private final ActorLifetime lifetime;

  private PlacementGroupCreationOptions(Builder builder) {
    this.name = builder.name;
    this.bundles = builder.bundles;
    this.strategy = builder.strategy;
    this.lifetime = builder.lifetime;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group's name, or null. */
  public String getName() {
    return name;
  }

  /** The bundles, one resource map each; never empty. */
  public List<Map<String, Double>> getBundles() {
    return bundles;
  }

  /** The strategy; default {@link PlacementStrategy#PACK}. */
  public PlacementStrategy getStrategy() {
    return strategy;
  }

  /** The lifetime; default {@link ActorLifetime#NON_DETACHED} (removed when its job ends). */
  public ActorLifetime getLifetime() {
    return lifetime;
  }

  /** Builds {@link PlacementGroupCreationOptions}. */
  public static final class Builder {
    private String name;
    private List<Map<String, Double>> bundles;
    private PlacementStrategy strategy = PlacementStrategy.PACK;
    private ActorLifetime lifetime = ActorLifetime.NON_DETACHED;

    /** The group's name, unique in its namespace. Default: none. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /**
     * The bundles: each a map of resource name to a positive amount, e.g.
     * {@code List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0, "GPU", 1.0))}. Required.
     */
    public Builder setBundles(List<Map<String, Double>> bundles) {
      if (bundles == null || bundles.isEmpty()) {
        throw new IllegalArgumentException("a placement group needs at least one bundle: " + bundles);
      }
      List<Map<String, Double>> copy = new ArrayList<>(bundles.size());
      for (int i = 0; i < bundles.size(); i++) {
        Map<String, Double> bundle = bundles.get(i);
        if (bundle == null || bundle.isEmpty()) {
          throw new IllegalArgumentException("bundle " + i + " is empty: " + bundle);
        }
        for (Map.Entry<String, Double> e : bundle.entrySet()) {
          if (e.getKey() == null || e.getValue() == null || !(e.getValue() >= 0)
              || e.getValue().isInfinite()) {
            throw new IllegalArgumentException("bundle " + i + " has a bad resource amount: "
                + e.getKey() + "=" + e.getValue());
          }
        }
        copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(bundle)));
      }
      this.bundles = Collections.unmodifiableList(copy);
      return this;
    }

    /** The strategy. Default {@link PlacementStrategy#PACK}. */
    public Builder setStrategy(PlacementStrategy strategy) {
      if (strategy == null) {
        throw new NullPointerException("strategy");
      }
      this.strategy = strategy;
      return this;
    }

    /** The lifetime. Default {@link ActorLifetime#NON_DETACHED}: removed when its job ends. */
    public Builder setLifetime(ActorLifetime lifetime) {
      if (lifetime == null) {
        throw new NullPointerException("lifetime");
      }
      this.lifetime = lifetime;
      return this;
    }

    /** The options; fails if no bundles were set. */
    public PlacementGroupCreationOptions build() {
      if (bundles == null) {
        throw new IllegalStateException("setBundles(...) is required for a placement group");
      }
      return new PlacementGroupCreationOptions(this);
    }
  }
}
