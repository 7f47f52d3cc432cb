package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.rayonignite.config.RayConfig;

/** The {@code --tls-*} options of {@code ray-ignite start}, parsed without starting a node. */
class TlsOptionsTest {
  private static RayConfig parse(Map<String, String> env, String... options) {
    List<String> args = new ArrayList<>(List.of("--block", "--address", "127.0.0.1"));
    args.addAll(List.of(options));
    return RayIgnite.parseStart(args, env::get);
  }

  @Test
  void allFourOptionsSetTls() {
    RayConfig.Tls tls = parse(Map.of(), "--tls-key-store", "node1.p12",
        "--tls-key-store-password", "--starts-like-an-option", "--tls-trust-store",
        "truststore.p12", "--tls-trust-store-password", "trust-secret").getTls();
    assertEquals("node1.p12", tls.getKeyStore());
    assertEquals("--starts-like-an-option", tls.getKeyStorePassword());
    assertEquals("truststore.p12", tls.getTrustStore());
    assertEquals("trust-secret", tls.getTrustStorePassword());
    assertNull(parse(Map.of()).getTls());
  }

  @Test
  void passwordsLeftOutComeFromTheEnvironment() {
    RayConfig.Tls tls = parse(Map.of("RAY_TLS_KEY_STORE_PASSWORD", "key-secret",
            "RAY_TLS_TRUST_STORE_PASSWORD", "trust-secret"),
        "--tls-key-store", "node1.p12", "--tls-trust-store", "truststore.p12").getTls();
    assertEquals("key-secret", tls.getKeyStorePassword());
    assertEquals("trust-secret", tls.getTrustStorePassword());
  }

  @Test
  void missingOptionsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--tls-key-store", "node1.p12", "--tls-key-store-password", "s"));
    assertEquals("TLS needs a key store, a trust store and both passwords; missing: "
        + "--tls-trust-store, --tls-trust-store-password (or RAY_TLS_TRUST_STORE_PASSWORD)",
        e.getMessage());
    IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class,
        () -> parse(Map.of(), "--tls-trust-store-password"));
    assertEquals("--tls-trust-store-password needs a value", noValue.getMessage());
  }

  @Test
  void aTlsExplanationDeepInTheCausesIsTheReason() {
    RuntimeException failure = new RuntimeException("could not start: Unable to establish secure "
        + "connection. Was remote cluster configured with SSL?",
        new SSLException("TLS: the node at /127.0.0.1:48700 does not trust this node's certificate"));
    assertEquals("could not start the node: TLS: the node at /127.0.0.1:48700 does not trust this "
        + "node's certificate", RayIgnite.reason(failure));
    RuntimeException plainNode = new RuntimeException("could not start: Unable to establish "
        + "secure connection. Was remote cluster configured with SSL? [rmtAddr=/127.0.0.1:48700, "
        + "errMsg=\"Failed to deserialize object\"]",
        new SSLException("Detected SSL alert in StreamCorruptedException"));
    assertEquals("could not start the node: TLS: the node at /127.0.0.1:48700 uses TLS and this "
        + "node does not (start it with the --tls-* options)", RayIgnite.reason(plainNode));
    assertEquals("plain", RayIgnite.reason(new RuntimeException("plain")));
  }
}
