package org.rayonignite.bench;

/** The deployments benchmarks run in, as named on the command line and in the table. */
enum Mode {
  EMBEDDED("embedded", "embedded"),
  TWO_JVMS("2jvm", "2 JVMs"),
  THREE_JVMS("3jvm", "3 JVMs");

  /** The value of {@code --mode}. */
  final String argument;
  /** The name in the table. */
  final String label;

  Mode(String argument, String label) {
    this.argument = argument;
    this.label = label;
  }

  ClusterUnderTest start(BenchmarkOptions options) {
    return switch (this) {
      case EMBEDDED -> ClusterUnderTest.embedded(label);
      case TWO_JVMS -> ClusterUnderTest.withWorkers(label, options.address(), 1);
      case THREE_JVMS -> ClusterUnderTest.withWorkers(label, options.address(), 2);
    };
  }
}
