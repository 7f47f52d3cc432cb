package org.rayonignite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS settings: reading them, never printing passwords, and clear errors for stores that cannot
 * work. Stores with keys and certificates, and real handshakes, are in ray-on-ignite-core's
 * TlsTest (it makes certificates with keytool).
 */
class TlsConfigTest {
  private static final String SECRET = "not-to-be-printed";

  @TempDir
  Path directory;

  @Test
  void readsAllFourTlsFieldsFromPropertiesOrEnvironment() {
    Map<String, String> props = Map.of("ray.tlsKeyStore", "/etc/ray/node.p12");
    Map<String, String> env = Map.of("RAY_TLS_KEY_STORE", "ignored",
        "RAY_TLS_KEY_STORE_PASSWORD", SECRET, "RAY_TLS_TRUST_STORE", "/etc/ray/trust.p12",
        "RAY_TLS_TRUST_STORE_PASSWORD", SECRET + "2");
    RayConfig.Tls tls = RayConfig.fromSources(props::get, env::get).getTls();
    assertEquals("/etc/ray/node.p12", tls.getKeyStore());
    assertEquals(SECRET, tls.getKeyStorePassword());
    assertEquals("/etc/ray/trust.p12", tls.getTrustStore());
    assertEquals(SECRET + "2", tls.getTrustStorePassword());
    assertNull(RayConfig.fromSources(name -> null, name -> null).getTls());
  }

  @Test
  void someButNotAllTlsFieldsIsAnErrorNamingTheMissingOnes() {
    Map<String, String> env = Map.of("RAY_TLS_KEY_STORE", "node.p12",
        "RAY_TLS_KEY_STORE_PASSWORD", SECRET);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.fromSources(name -> null, env::get));
    assertTrue(e.getMessage().contains("ray.tlsTrustStore / RAY_TLS_TRUST_STORE, "
        + "ray.tlsTrustStorePassword / RAY_TLS_TRUST_STORE_PASSWORD"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void toStringShowsTheStoresButNeverThePasswords() {
    RayConfig config = RayConfig.builder().address("127.0.0.1")
        .tls("node.p12", SECRET, "trust.p12", SECRET).build();
    assertTrue(config.toString().contains("tls{keyStore=node.p12, trustStore=trust.p12}"),
        config.toString());
    assertFalse(config.toString().contains(SECRET), config.toString());
  }

  @Test
  void aMissingStoreFailsBeforeIgniteNamingTheFile() {
    Path missing = directory.resolve("missing.p12");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(tlsConfig(missing, missing), List.of()));
    assertEquals("TLS key store " + missing + " does not exist", e.getMessage());

    IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
        () -> TlsStores.openTrustStore(directory.toString(), SECRET));
    assertEquals("TLS trust store " + directory + " is not a readable file", folder.getMessage());
  }

  @Test
  void aWrongPasswordIsNamedAsSuch() throws Exception {
    Path store = emptyPkcs12("empty.p12", SECRET);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsStores.openKeyStore(store.toString(), "wrong"));
    assertEquals("wrong password for TLS key store " + store + " (or the file is damaged)",
        e.getMessage());
  }

  @Test
  void storesWithoutTheEntriesTheyNeedAreRejected() throws Exception {
    Path store = emptyPkcs12("empty.p12", SECRET);
    IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
        () -> TlsStores.openKeyStore(store.toString(), SECRET));
    assertTrue(noKey.getMessage().startsWith("TLS key store " + store + " holds no private key"),
        noKey.getMessage());
    IllegalArgumentException noCertificate = assertThrows(IllegalArgumentException.class,
        () -> TlsStores.openTrustStore(store.toString(), SECRET));
    assertTrue(noCertificate.getMessage().startsWith("TLS trust store " + store
        + " holds no certificates"), noCertificate.getMessage());
  }

  @Test
  void aFileThatIsNoKeyStoreIsNamedAsSuch() throws Exception {
    Path text = Files.writeString(directory.resolve("node.pem"), "-----BEGIN CERTIFICATE-----\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TlsStores.openKeyStore(text.toString(), SECRET));
    assertEquals("TLS key store " + text + " is not a PKCS12 or JKS key store", e.getMessage());
  }

  @Test
  void tlsInRayConfigAndInTheSpringXmlIsAnError() throws Exception {
    Path xml = Files.writeString(directory.resolve("node.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans
                   http://www.springframework.org/schema/beans/spring-beans.xsd">
          <bean class="org.apache.ignite.configuration.IgniteConfiguration">
            <property name="sslContextFactory">
              <bean class="org.apache.ignite.ssl.SslContextFactory"/>
            </property>
          </bean>
        </beans>
        """);
    Path missing = directory.resolve("missing.p12");
    RayConfig config = RayConfig.builder().springXml(xml.toString())
        .tls(missing.toString(), SECRET, missing.toString(), SECRET).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(config, List.of()));
    assertTrue(e.getMessage().startsWith("TLS is set twice"), e.getMessage());
  }

  private RayConfig tlsConfig(Path keyStore, Path trustStore) {
    return RayConfig.builder().address("127.0.0.1:48700..48709")
        .tls(keyStore.toString(), SECRET, trustStore.toString(), SECRET).build();
  }

  private Path emptyPkcs12(String name, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = directory.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }
}
