package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rayonignite.config.RayConfig;

/**
 * Keeps README.md's sections "Starting a cluster from Spring XML" and "On Kubernetes" true where
 * a test can without a Kubernetes cluster or an Ignite distribution: their {@code ray-ignite start}
 * commands are accepted by the launcher, and the files and build outputs they name exist. (What
 * the commands do is tested by SpringXmlMultiJvmTest, IgniteLauncherTest, KubernetesDiscoveryTest,
 * KubernetesManifestsTest and the examples' SpringXmlBatchJobTest.)
 */
class ReadmeDeploymentSectionsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern REPOSITORY_PATH =
      Pattern.compile("(?:\\$PWD/)?((?:examples|deploy|ray-on-ignite-core)/[A-Za-z0-9_./-]+)");

  private static String section(String heading) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## " + heading + "\n");
    assertTrue(start >= 0, "README.md has no section " + heading);
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The shell lines of the section's bash blocks, continuation lines joined, comments dropped. */
  private static List<String> commands(String section) {
    List<String> commands = new ArrayList<>();
    Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (block.find()) {
      String joined = block.group(1).replaceAll("\\\\\n\\s*", " ");
      for (String line : joined.split("\n")) {
        int comment = line.indexOf(" #");
        String command = (comment >= 0 ? line.substring(0, comment) : line).trim();
        if (!command.isEmpty()) {
          commands.add(command);
        }
      }
    }
    return commands;
  }

  private static void checkCommands(String heading) throws IOException {
    List<String> commands = commands(section(heading));
    assertFalse(commands.isEmpty(), heading);
    for (String command : commands) {
      if (command.startsWith("bin/ray-ignite start ")) {
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        args = args.subList(2, args.size());
        if (!args.contains("--block")) {
          args.add("--block"); // the script adds it for a background start
        }
        RayConfig config = RayIgnite.parseStart(args, name -> null);
        if (config.getSpringXml() != null) {
          assertTrue(Files.isRegularFile(ROOT.resolve(config.getSpringXml())), command);
        }
      }
      Matcher path = REPOSITORY_PATH.matcher(command);
      while (path.find()) {
        String file = path.group(1);
        if (!file.startsWith("ray-on-ignite-core/target/ray-on-ignite-core-")) { // made by package
          assertTrue(Files.exists(ROOT.resolve(file)), file + " in: " + command);
        }
      }
    }
  }

  @Test
  void theSpringXmlSectionsCommandsNameWhatExists() throws IOException {
    checkCommands("Starting a cluster from Spring XML");
    String section = section("Starting a cluster from Spring XML");
    assertTrue(section.contains("org.rayonignite.RayLifecycleBean"));
    assertTrue(Files.readString(ROOT.resolve("examples/spring/sales-node.xml"))
        .contains("<bean class=\"org.rayonignite.RayLifecycleBean\"/>"));
  }

  @Test
  void theKubernetesSectionsCommandsNameWhatExistsAndItsImageIsTheManifests() throws IOException {
    checkCommands("On Kubernetes");
    Matcher build = Pattern.compile("docker build -f deploy/docker/Dockerfile -t (\\S+) \\.")
        .matcher(section("On Kubernetes"));
    assertTrue(build.find());
    String statefulSet = Files.readString(ROOT.resolve("deploy/kubernetes/30-statefulset.yaml"));
    assertTrue(statefulSet.contains("image: " + build.group(1)), "the StatefulSet runs " + build.group(1));
    assertEquals("ray", RayConfig.builder().kubernetes("ray/ray-ignite").build().getKubernetes().getNamespace());
  }
}
