package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.config.RayConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps {@code deploy/kubernetes/} and {@code deploy/docker/Dockerfile} true: the YAML parses,
 * the objects refer to each other by the right names, and the StatefulSet's container arguments,
 * with its environment filled in as Kubernetes would for a pod, are a {@code ray-ignite start}
 * command that this launcher accepts and that finds the nodes through the manifests' Service.
 * (Applying them needs a Kubernetes cluster; KubernetesDiscoveryTest runs that discovery against a
 * fake API server.)
 */
class KubernetesManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  private static final String POD_NAME = "ray-ignite-0";
  private static List<Map<String, Object>> objects;

  @BeforeAll
  static void load() throws IOException {
    objects = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(DEPLOY.resolve("kubernetes"))) {
      files = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      try (Reader reader = Files.newBufferedReader(file)) {
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
          assertTrue(document instanceof Map, file + " holds a document that is not an object");
          objects.add(map(document));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertNotNull(value);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertNotNull(value);
    return (List<Object>) value;
  }

  /** The value at a dotted path, e.g. {@code spec.template.metadata.labels}. */
  private static Object at(Map<String, Object> object, String path) {
    Object value = object;
    for (String key : path.split("\\.")) {
      value = map(value).get(key);
    }
    return value;
  }

  private static Map<String, Object> only(String kind) {
    List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertEquals(1, found.size(), "one " + kind + " in deploy/kubernetes");
    return found.get(0);
  }

  private static String namespace() {
    return (String) at(only("Namespace"), "metadata.name");
  }

  private static Map<String, Object> container() {
    return map(list(at(only("StatefulSet"), "spec.template.spec.containers")).get(0));
  }

  @Test
  void everyObjectIsInTheNamespaceTheManifestsCreateWhichComesFirst() {
    assertEquals("Namespace", objects.get(0).get("kind"), "kubectl apply -f applies files in name order");
    for (Map<String, Object> object : objects.subList(1, objects.size())) {
      assertEquals(namespace(), at(object, "metadata.namespace"), object.get("kind") + " " + at(object, "metadata.name"));
    }
  }

  @Test
  void theServiceIsHeadlessListsStartingPodsAndSelectsTheStatefulSetsPods() {
    Map<String, Object> service = only("Service");
    Map<String, Object> set = only("StatefulSet");
    assertEquals("None", at(service, "spec.clusterIP"));
    assertEquals(true, at(service, "spec.publishNotReadyAddresses"));
    assertEquals(at(service, "metadata.name"), at(set, "spec.serviceName"));
    Map<String, Object> podLabels = map(at(set, "spec.template.metadata.labels"));
    map(at(service, "spec.selector")).forEach((key, value) ->
        assertEquals(value, podLabels.get(key), "the Service selects the pods by " + key));
    map(at(set, "spec.selector.matchLabels")).forEach((key, value) ->
        assertEquals(value, podLabels.get(key), "the StatefulSet selects its pods by " + key));
  }

  @Test
  void thePodsServiceAccountMayReadEndpointsAndNothingElse() {
    Map<String, Object> role = only("Role");
    Map<String, Object> binding = only("RoleBinding");
    List<Object> rules = list(at(role, "rules"));
    assertEquals(1, rules.size());
    Map<String, Object> rule = map(rules.get(0));
    assertEquals(List.of(""), rule.get("apiGroups"));
    assertEquals(List.of("endpoints"), rule.get("resources"));
    assertEquals(List.of("get", "list", "watch"), rule.get("verbs"));
    assertEquals("Role", at(binding, "roleRef.kind"));
    assertEquals(at(role, "metadata.name"), at(binding, "roleRef.name"));
    Map<String, Object> subject = map(list(at(binding, "subjects")).get(0));
    assertEquals("ServiceAccount", subject.get("kind"));
    assertEquals(at(only("ServiceAccount"), "metadata.name"), subject.get("name"));
    assertEquals(namespace(), subject.get("namespace"));
    assertEquals(subject.get("name"), at(only("StatefulSet"), "spec.template.spec.serviceAccountName"));
  }

  @Test
  void theContainerRunsAStartCommandThatFindsTheOtherPodsThroughTheService() {
    Map<String, Object> container = container();
    Map<String, String> env = podEnvironment(container);
    List<String> args = new ArrayList<>();
    for (Object arg : list(container.get("args"))) {
      Matcher variable = VARIABLE.matcher(String.valueOf(arg));
      StringBuilder expanded = new StringBuilder();
      while (variable.find()) {
        String name = variable.group(1);
        assertTrue(env.containsKey(name), "argument " + arg + " uses $(" + name + "), which env does not define");
        variable.appendReplacement(expanded, Matcher.quoteReplacement(env.get(name)));
      }
      variable.appendTail(expanded);
      args.add(expanded.toString());
    }
    assertEquals(List.of("start", "--block"), args.subList(0, 2));
    RayConfig config = RayIgnite.parseStart(args.subList(1, args.size()), name -> null);

    Map<String, Object> service = only("Service");
    assertEquals(namespace(), config.getKubernetes().getNamespace());
    assertEquals(at(service, "metadata.name"), config.getKubernetes().getServiceName());
    int discoveryPort = containerPort(container, "discovery");
    assertEquals(discoveryPort, config.getPort(), "the endpoints carry no port: every pod must use this one");
    assertEquals(discoveryPort, servicePort(service, "discovery"));
    assertEquals("discovery", at(container, "readinessProbe.tcpSocket.port"));
    assertEquals(Map.of("CPU", 2.0), config.getResources());
    assertEquals(Map.of("pod", POD_NAME, "k8s-node", "node-a", "node-type", "worker"), config.getLabels());
    assertEquals(512L << 20, config.getObjectStoreMemoryBytes());
    assertEquals("10.1.2.3", env.get("IGNITE_LOCAL_HOST"), "Ignite advertises the pod's IP");
  }

  @Test
  void theImageRunsTheLauncherAndTheStatefulSetUsesTheImageItBuilds() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("docker").resolve("Dockerfile"));
    assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jdk"), dockerfile);
    assertTrue(dockerfile.contains("ENTRYPOINT [\"ray-ignite\"]"), dockerfile);
    String image = (String) container().get("image");
    assertTrue(dockerfile.contains("docker build -f deploy/docker/Dockerfile -t " + image + " ."),
        "the Dockerfile's build command tags " + image);
    assertFalse(image.endsWith(":latest"));
  }

  /**
   * The container's environment as Kubernetes fills it for pod {@value #POD_NAME} on node
   * {@code node-a} with IP 10.1.2.3: literal values, and the downward API's fields and resources.
   */
  private static Map<String, String> podEnvironment(Map<String, Object> container) {
    Map<String, Object> set = only("StatefulSet");
    Map<String, Object> podLabels = map(at(set, "spec.template.metadata.labels"));
    Map<String, String> env = new HashMap<>();
    for (Object entry : list(container.get("env"))) {
      Map<String, Object> variable = map(entry);
      String name = (String) variable.get("name");
      if (variable.containsKey("value")) {
        env.put(name, String.valueOf(variable.get("value")));
        continue;
      }
      Map<String, Object> from = map(variable.get("valueFrom"));
      if (from.containsKey("fieldRef")) {
        String field = (String) at(from, "fieldRef.fieldPath");
        Matcher label = Pattern.compile("metadata\\.labels\\['(.+)'\\]").matcher(field);
        env.put(name, switch (field) {
          case "metadata.namespace" -> namespace();
          case "metadata.name" -> POD_NAME;
          case "spec.nodeName" -> "node-a";
          case "status.podIP" -> "10.1.2.3";
          default -> {
            assertTrue(label.matches(), "unexpected fieldRef " + field);
            assertTrue(podLabels.containsKey(label.group(1)), "the pod has no label " + label.group(1));
            yield String.valueOf(podLabels.get(label.group(1)));
          }
        });
      } else {
        String resource = (String) at(from, "resourceFieldRef.resource");
        assertEquals("limits.cpu", resource);
        assertEquals("1", at(from, "resourceFieldRef.divisor"));
        env.put(name, String.valueOf(at(container, "resources.limits.cpu")));
      }
    }
    return env;
  }

  private static int containerPort(Map<String, Object> container, String name) {
    return list(container.get("ports")).stream().map(KubernetesManifestsTest::map)
        .filter(p -> name.equals(p.get("name"))).map(p -> (Integer) p.get("containerPort")).findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + name));
  }

  private static int servicePort(Map<String, Object> service, String name) {
    return list(at(service, "spec.ports")).stream().map(KubernetesManifestsTest::map)
        .filter(p -> name.equals(p.get("name"))).map(p -> (Integer) p.get("port")).findFirst()
        .orElseThrow(() -> new AssertionError("no service port " + name));
  }
}
