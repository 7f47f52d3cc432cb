package org.rayonignite.api.options;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The environment a job, task or actor runs in: extra jars, environment variables, JVM options
 * and free-form config entries. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * RuntimeEnv env = RuntimeEnv.builder().envVar("MODE", "test").jar("/opt/lib/udf.jar").build();
 * Ray.task(MyApp::run).setRuntimeEnv(env).remote();
 * }</pre>
 */
public final class RuntimeEnv implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final RuntimeEnv EMPTY = new Builder().build();

  private final Map<String, String> envVars;
  private final List<String> jars;
  private final List<String> jvmOptions;
  private final Map<String, String> config;

  private RuntimeEnv(Builder builder) {
    this.envVars = Collections.unmodifiableMap(new LinkedHashMap<>(builder.envVars));
    this.jars = List.copyOf(builder.jars);
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(builder.config));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The environment with nothing in it. */
  public static RuntimeEnv empty() {
    return EMPTY;
  }

  /** Environment variables the work sees through {@code System.getenv}. */
  public Map<String, String> getEnvVars() {
    return envVars;
  }

  /** Jars (paths or file/http URLs) on the work's class path. */
  public List<String> getJars() {
    return jars;
  }

  /** Options of the JVM the work runs in. */
  public List<String> getJvmOptions() {
    return jvmOptions;
  }

  /** Free-form entries visible through the runtime context. */
  public Map<String, String> getConfig() {
    return config;
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return envVars.isEmpty() && jars.isEmpty() && jvmOptions.isEmpty() && config.isEmpty();
  }

  /** This environment with {@code overrides}' entries on top (for a task over its job's). */
  public RuntimeEnv mergedWith(RuntimeEnv overrides) {
    if (overrides == null || overrides.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return overrides;
    }
    Builder merged = builder().envVars(envVars).jars(jars).config(config);
    jvmOptions.forEach(merged::jvmOption);
    merged.envVars(overrides.envVars).config(overrides.config);
    overrides.jars.stream().filter(j -> !jars.contains(j)).forEach(merged::jar);
    overrides.jvmOptions.stream().filter(o -> !jvmOptions.contains(o)).forEach(merged::jvmOption);
    return merged.build();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RuntimeEnv)) {
      return false;
    }
    RuntimeEnv that = (RuntimeEnv) other;
    return envVars.equals(that.envVars) && jars.equals(that.jars)
        && jvmOptions.equals(that.jvmOptions) && config.equals(that.config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(envVars, jars, jvmOptions, config);
  }

  @Override
  public String toString() {
    return "RuntimeEnv{envVars=" + envVars.keySet() + ", jars=" + jars + ", jvmOptions="
        + jvmOptions + ", config=" + config + "}";
  }

  /** Builds a {@link RuntimeEnv}. */
  public static final class Builder {
    private final Map<String, String> envVars = new LinkedHashMap<>();
    private final List<String> jars = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder() {}

    /** Adds an environment variable. */
    public Builder envVar(String name, String value) {
      envVars.put(requireText(name, "envVar name"), Objects.requireNonNull(value, "envVar value"));
      return this;
    }

    /** Adds environment variables. */
    public Builder envVars(Map<String, String> vars) {
      vars.forEach(this::envVar);
      return this;
    }

    /** Adds a jar: a file path or a file/http URL. */
    public Builder jar(String pathOrUrl) {
      jars.add(requireText(pathOrUrl, "jar"));
      return this;
    }

    /** Adds jars. */
    public Builder jars(List<String> pathsOrUrls) {
      pathsOrUrls.forEach(this::jar);
      return this;
    }

    /** Adds a JVM option, e.g. {@code -Xmx1g}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(requireText(option, "jvmOption"));
      return this;
    }

    /** Adds a config entry. */
    public Builder config(String key, String value) {
      config.put(requireText(key, "config key"), Objects.requireNonNull(value, "config value"));
      return this;
    }

    /** Adds config entries. */
    public Builder config(Map<String, String> entries) {
      entries.forEach(this::config);
      return this;
    }

    /** The environment. */
    public RuntimeEnv build() {
      return new RuntimeEnv(this);
    }

    private static String requireText(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank: \"" + value + "\"");
      }
      return value;
    }
  }
}
