package org.rayonignite.bench;

/** The two deployments every benchmark runs in, as named on the command line and in the table. */
enum Mode {
  EMBEDDED("embedded", "embedded"),
  TWO_JVMS("2jvm", "2 JVMs");

  /** The value of {@code --mode}. */
  final String argument;
  /** The name in the table. */
  final String label;

  Mode(String argument, String label) {
    this.argument = argument;
    this.label = label;
  }

  ClusterUnderTest start(BenchmarkOptions options) {
    return this == EMBEDDED ? ClusterUnderTest.embedded(label)
        : ClusterUnderTest.twoJvms(label, options.address());
  }
}
