package org.rayonignite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rayonignite.config.RayConfig;

/**
 * The {@code --tls-*} options of {@code start}: a key store, a trust store and their passwords,
 * all or none. A password option may be left out when its environment variable
 * ({@code RAY_TLS_KEY_STORE_PASSWORD}, {@code RAY_TLS_TRUST_STORE_PASSWORD}) is set, which keeps
 * it out of the process list.
 */
final class TlsOptions {
  static final String KEY_STORE = "--tls-key-store";
  static final String KEY_STORE_PASSWORD = "--tls-key-store-password";
  static final String TRUST_STORE = "--tls-trust-store";
  static final String TRUST_STORE_PASSWORD = "--tls-trust-store-password";
  static final String KEY_STORE_PASSWORD_ENV = "RAY_TLS_KEY_STORE_PASSWORD";
  static final String TRUST_STORE_PASSWORD_ENV = "RAY_TLS_TRUST_STORE_PASSWORD";

  private String keyStore;
  private String keyStorePassword;
  private String trustStore;
  private String trustStorePassword;

  void set(String option, String value) {
    switch (option) {
      case KEY_STORE -> keyStore = value;
      case KEY_STORE_PASSWORD -> keyStorePassword = value;
      case TRUST_STORE -> trustStore = value;
      case TRUST_STORE_PASSWORD -> trustStorePassword = value;
      default -> throw new IllegalArgumentException("not a TLS option: " + option);
    }
  }

  /** Sets TLS on {@code config} if any option was given; {@code env} supplies left-out passwords. */
  void applyTo(RayConfig.Builder config, Function<String, String> env) {
    boolean anyGiven = keyStore != null || keyStorePassword != null || trustStore != null
        || trustStorePassword != null;
    if (!anyGiven) {
      return;
    }
    String keyPassword = keyStorePassword != null ? keyStorePassword : env.apply(KEY_STORE_PASSWORD_ENV);
    String trustPassword = trustStorePassword != null ? trustStorePassword
        : env.apply(TRUST_STORE_PASSWORD_ENV);
    List<String> missing = new ArrayList<>();
    if (keyStore == null) {
      missing.add(KEY_STORE);
    }
    if (keyPassword == null) {
      missing.add(KEY_STORE_PASSWORD + " (or " + KEY_STORE_PASSWORD_ENV + ")");
    }
    if (trustStore == null) {
      missing.add(TRUST_STORE);
    }
    if (trustPassword == null) {
      missing.add(TRUST_STORE_PASSWORD + " (or " + TRUST_STORE_PASSWORD_ENV + ")");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("TLS needs a key store, a trust store and both "
          + "passwords; missing: " + String.join(", ", missing));
    }
    config.tls(keyStore, keyPassword, trustStore, trustPassword);
  }
}
