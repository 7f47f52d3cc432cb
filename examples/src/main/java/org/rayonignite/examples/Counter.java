package org.rayonignite.examples;

/**
 * Ray's Counter, a regular Java class: as an actor, one instance lives on a node and its state
 * survives between calls. Shared by {@link ActorsExamples} and {@link NamedActorExample}.
 */
final class Counter {
  private int value;

  int increment() {
    value += 1;
    return value;
  }

  int getCounter() {
    return value;
  }
}
