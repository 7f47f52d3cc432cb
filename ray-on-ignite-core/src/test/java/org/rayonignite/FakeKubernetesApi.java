package org.rayonignite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The one call of the Kubernetes API that Ignite's {@code TcpDiscoveryKubernetesIpFinder} makes,
 * on loopback: {@code GET /api/v1/namespaces/NS/endpoints/SERVICE} over HTTPS with a bearer token,
 * answered with an Endpoints object listing the service's pod IPs (no ports: the finder ignores
 * them). Any other path is a 404; a wrong token a 401, as the real API server answers.
 */
final class FakeKubernetesApi implements AutoCloseable {
  private final HttpsServer server;
  private final String path;
  private final String token;
  private final List<String> podIps;
  /** "METHOD path status" of each request, in order. */
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /**
   * Serves {@code podIps} as the endpoints of {@code namespace/service} on {@code port}, over TLS
   * with the key in {@code keyStore} (PKCS12); requests must carry {@code token}.
   */
  FakeKubernetesApi(int port, String namespace, String service, List<String> podIps, String token,
      Path keyStore, String keyStorePassword) throws Exception {
    this.path = "/api/v1/namespaces/" + namespace + "/endpoints/" + service;
    this.token = token;
    this.podIps = List.copyOf(podIps);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, keyStorePassword.toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, keyStorePassword.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's URL, for {@code kubernetesMasterUrl}. */
  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    String body;
    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      status = 401;
      body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Unauthorized\",\"code\":401}";
    } else if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(path)) {
      status = 404;
      body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
    } else {
      status = 200;
      String addresses = podIps.stream().map(ip -> "{\"ip\":\"" + ip + "\"}").collect(Collectors.joining(","));
      body = "{\"kind\":\"Endpoints\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + path.substring(
          path.lastIndexOf('/') + 1) + "\"},\"subsets\":[{\"addresses\":[" + addresses
          + "],\"ports\":[{\"name\":\"discovery\",\"port\":47500,\"protocol\":\"TCP\"}]}]}";
    }
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
