package org.rayonignite.runtime;

import org.rayonignite.api.ObjectId;

/**
 * One argument of a task as it travels: a serialized value, or a resolved ObjectRef (its inline
 * bytes, or where it is stored). Refs are resolved by the submitter before the task is sent, so a
 * task never starts before its inputs exist.
 */
record TaskArg(Kind kind, ObjectId refId, ObjectLocation location, byte[] value) {
  enum Kind { VALUE, REF }

  static TaskArg value(byte[] bytes) {
    return new TaskArg(Kind.VALUE, null, null, bytes);
  }

  static TaskArg ref(ObjectId id, ObjectLocation location) {
    return new TaskArg(Kind.REF, id, location, null);
  }

  /** Bytes this argument adds to a task message. */
  int inlineBytes() {
    if (kind == Kind.VALUE) {
      return value.length;
    }
    return location instanceof ObjectLocation.Inline inline ? inline.bytes().length : 0;
  }
}
