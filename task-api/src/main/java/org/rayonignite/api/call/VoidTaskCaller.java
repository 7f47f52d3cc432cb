package org.rayonignite.api.call;

import org.rayonignite.api.ObjectRef;

/** A call of a function that returns nothing. {@link #remote()} submits it. */
public interface VoidTaskCaller extends BaseTaskCaller<VoidTaskCaller> {
  /** Submits the task; the ref resolves to null when it finishes, or throws its failure from {@code get}. */
  ObjectRef<Void> remote();
}
