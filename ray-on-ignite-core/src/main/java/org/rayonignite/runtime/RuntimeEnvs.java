package org.rayonignite.runtime;

import org.rayonignite.api.options.RuntimeEnv;

/** What of a runtime environment this version applies. */
final class RuntimeEnvs {
  private RuntimeEnvs() {}

  /** Config entries are supported; jars, environment variables and JVM options are not yet. */
  static void checkSupported(RuntimeEnv env) {
    if (!env.getJars().isEmpty() || !env.getEnvVars().isEmpty() || !env.getJvmOptions().isEmpty()) {
      throw new UnsupportedOperationException("runtime environments with jars, environment "
          + "variables or JVM options are not available yet in this version of Ray on Ignite "
          + "(tracked by the operations issue); config entries are: " + env);
    }
  }
}
