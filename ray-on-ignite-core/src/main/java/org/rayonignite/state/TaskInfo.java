package org.rayonignite.state;

import java.io.Serializable;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.TaskId;

/**
 * A task as its owner (the process that submitted it) records it: where it ran and whether its
 * inputs were already there.
 */
public final class TaskInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final String name;
  private final TaskState state;
  private final NodeId nodeId;
  private final int attempts;
  private final boolean inputsLocal;
  private final long bytesFetched;
  private final String error;
  private final TaskType type;
  private final ActorId actorId;

  /** A record of a {@link TaskType#NORMAL_TASK}. */
  public TaskInfo(TaskId taskId, String name, TaskState state, NodeId nodeId, int attempts,
      boolean inputsLocal, long bytesFetched, String error) {
    this(taskId, name, state, nodeId, attempts, inputsLocal, bytesFetched, error,
        TaskType.NORMAL_TASK, null);
  }

  /** A task record; {@code actorId} is the actor created or called, null for a normal task. */
  public TaskInfo(TaskId taskId, String name, TaskState state, NodeId nodeId, int attempts,
      boolean inputsLocal, long bytesFetched, String error, TaskType type, ActorId actorId) {
    this.type = type;
    this.actorId = actorId;
    this.taskId = taskId;
    this.name = name;
    this.state = state;
    this.nodeId = nodeId;
    this.attempts = attempts;
    this.inputsLocal = inputsLocal;
    this.bytesFetched = bytesFetched;
    this.error = error;
  }

  public TaskId getTaskId() {
    return taskId;
  }

  /** The task's name: its function, or what {@code setName} said. */
  public String getName() {
    return name;
  }

  public TaskState getState() {
    return state;
  }

  /** The node it ran on (finished or failed) or was sent to; null before that. */
  public NodeId getNodeId() {
    return nodeId;
  }

  /** How many times it was sent to a node (retries included). */
  public int getAttempts() {
    return attempts;
  }

  /** Whether all its stored ObjectRef inputs were on the node it ran on. */
  public boolean isInputsLocal() {
    return inputsLocal;
  }

  /** Bytes of inputs its node fetched from other nodes for it. */
  public long getBytesFetched() {
    return bytesFetched;
  }

  /** Why it failed, or null. */
  public String getError() {
    return error;
  }

  /** A task, an actor's creation, or an actor call. */
  public TaskType getType() {
    return type;
  }

  /** The actor it created or called; null for a normal task. */
  public ActorId getActorId() {
    return actorId;
  }

  @Override
  public String toString() {
    return "TaskInfo{" + name + " " + taskId + " " + state + " node=" + nodeId
        + (inputsLocal ? " local inputs" : " fetched " + bytesFetched + " B")
        + (error != null ? " error=" + error : "") + "}";
  }
}
