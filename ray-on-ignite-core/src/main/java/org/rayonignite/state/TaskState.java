package org.rayonignite.state;

/** Where a task is in its life, with Ray's names. A cancelled task shows as FAILED. */
public enum TaskState {
  /** Waiting for its ObjectRef arguments to exist. */
  PENDING_ARGS_AVAIL,
  /** Waiting for a node that can run it (no node fits yet, or it is being placed). */
  PENDING_NODE_ASSIGNMENT,
  /** Sent to a node; queued or running there. */
  SUBMITTED_TO_WORKER,
  /** Running on its node. */
  RUNNING,
  /** Finished; its return objects are ready. */
  FINISHED,
  /** Failed (its error is what get throws). */
  FAILED
}
