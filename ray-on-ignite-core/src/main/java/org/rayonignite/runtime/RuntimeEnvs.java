package org.rayonignite.runtime;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.options.RuntimeEnv;

/**
 * Which runtime environment work gets, and how it travels. Work submitted from inside a task or
 * actor starts from that task's or actor's environment (children inherit it, as in Ray); from a
 * driver, from the job's ({@code RayConfig.runtimeEnv}). The call's own entries go on top.
 */
final class RuntimeEnvs {
  private RuntimeEnvs() {}

  /** {@code options} with the effective environment of work submitted from the calling thread. */
  static CallOptions effective(NodeRuntime runtime, CallOptions options) {
    return options.withRuntimeEnv(inherited(runtime).mergedWith(options.runtimeEnv));
  }

  /** The environment work submitted from the calling thread starts from. */
  static RuntimeEnv inherited(NodeRuntime runtime) {
    TaskContext task = TaskContext.current();
    return task != null ? of(task) : runtime.config().getRuntimeEnv();
  }

  /** The environment of the running task, or of the actor whose method runs. */
  static RuntimeEnv of(TaskContext task) {
    TaskSpec spec = task.actor != null ? task.actor.creation : task.spec;
    return spec.env != null ? spec.env : RuntimeEnv.empty();
  }

  /** Whether work in {@code env} needs a JVM of its own: environment variables or JVM options. */
  static boolean needsOwnJvm(RuntimeEnv env) {
    return env != null && (!env.getEnvVars().isEmpty() || !env.getJvmOptions().isEmpty());
  }

  static void write(Output out, RuntimeEnv env) {
    writeMap(out, env.getEnvVars());
    writeList(out, env.getJars());
    writeList(out, env.getJvmOptions());
    writeMap(out, env.getConfig());
  }

  static RuntimeEnv read(Input in) {
    RuntimeEnv.Builder env = RuntimeEnv.builder();
    for (int i = in.readVarInt(true); i > 0; i--) {
      env.envVar(in.readString(), in.readString());
    }
    for (int i = in.readVarInt(true); i > 0; i--) {
      env.jar(in.readString());
    }
    for (int i = in.readVarInt(true); i > 0; i--) {
      env.jvmOption(in.readString());
    }
    for (int i = in.readVarInt(true); i > 0; i--) {
      env.config(in.readString(), in.readString());
    }
    return env.build();
  }

  private static void writeMap(Output out, Map<String, String> map) {
    out.writeVarInt(map.size(), true);
    map.forEach((key, value) -> {
      out.writeString(key);
      out.writeString(value);
    });
  }

  private static void writeList(Output out, List<String> list) {
    out.writeVarInt(list.size(), true);
    list.forEach(out::writeString);
  }
}
