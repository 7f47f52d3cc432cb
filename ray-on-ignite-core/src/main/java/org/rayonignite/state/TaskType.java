package org.rayonignite.state;

/** What a task is, with Ray's names. */
public enum TaskType {
  /** A remote function ({@code Ray.task}). */
  NORMAL_TASK,
  /** An actor's constructor ({@code Ray.actor}). */
  ACTOR_CREATION_TASK,
  /** A call of an actor's method. */
  ACTOR_TASK
}
