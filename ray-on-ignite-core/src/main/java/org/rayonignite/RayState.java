package org.rayonignite;

import java.util.List;
import java.util.Map;
import org.rayonignite.state.TaskInfo;
import org.rayonignite.api.NodeId;

/**
 * What the scheduler did, for programs and tests: the tasks this process submitted (recent ones
 * and those not finished) and how many bytes each node fetched from others.
 *
 * <pre>{@code
 * long local = RayState.listTasks().stream().filter(TaskInfo::isInputsLocal).count();
 * }</pre>
 */
public final class RayState {
  private RayState() {}

  /**
   * Tasks this process submitted: those not finished, then the last finished ones (at most
   * {@value org.rayonignite.runtime.NodeRuntime#TASK_HISTORY} of them, oldest dropped first).
   */
  public static List<TaskInfo> listTasks() {
    return Ray.runtime().listTasks();
  }

  /** How many finished tasks {@link #listTasks()} no longer shows. */
  public static long droppedTasks() {
    return Ray.runtime().droppedTasks();
  }

  /**
   * Objects this node's part of the object store holds now (primary copies). A stored object
   * leaves the store once its owner can no longer reach it: no live ref, no pending task that
   * takes or makes it (refs that left the owner's process keep it for now).
   */
  public static int storedObjectCount() {
    return Ray.runtime().storedObjectCount();
  }

  /** Bytes each live node fetched from other nodes since it started, as last reported. */
  public static Map<NodeId, Long> bytesFetchedByNode() {
    return Ray.runtime().bytesFetchedByNode();
  }
}
