package org.rayonignite.config;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.apache.ignite.ssl.AbstractSslContextFactory;

/**
 * The SSL context of a node started with {@link RayConfig.Tls}, for Ignite's discovery and
 * communication (both always demand the peer's certificate when a context factory is set, so
 * every connection is mutually authenticated). The stores are opened once when the factory is
 * made, so a bad path or password fails {@code Ray.init} with a clear message (see
 * {@link TlsStores}), and again when Ignite asks for the context. Trust and key choice go through
 * {@link ExplainingTrustManager} and {@link ExplainingKeyManager}, which say in one line which
 * certificate was refused and why.
 */
final class NodeTlsContextFactory extends AbstractSslContextFactory {
  private static final long serialVersionUID = 1L;

  private final String keyStore;
  private final String keyStorePassword;
  private final String trustStore;
  private final String trustStorePassword;

  /** @throws IllegalArgumentException naming the file if a store cannot be used */
  NodeTlsContextFactory(RayConfig.Tls tls) {
    this.keyStore = tls.getKeyStore();
    this.keyStorePassword = tls.getKeyStorePassword();
    this.trustStore = tls.getTrustStore();
    this.trustStorePassword = tls.getTrustStorePassword();
    TlsStores.openKeyStore(keyStore, keyStorePassword);
    TlsStores.openTrustStore(trustStore, trustStorePassword);
  }

  @Override
  protected void checkParameters() {
    // Checked when made.
  }

  @Override
  protected KeyManager[] createKeyManagers() throws SSLException {
    try {
      KeyStore keys = TlsStores.openKeyStore(keyStore, keyStorePassword);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, keyStorePassword.toCharArray());
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509ExtendedKeyManager x509) {
          return new KeyManager[] {new ExplainingKeyManager(x509, keyStore)};
        }
      }
      throw new SSLException("the JDK's " + factory.getAlgorithm()
          + " key manager factory made no X509 key manager");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SSLException("cannot use TLS key store " + keyStore + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected TrustManager[] createTrustManagers() throws SSLException {
    try {
      return new TrustManager[] {ExplainingTrustManager.of(
          TlsStores.openTrustStore(trustStore, trustStorePassword), trustStore)};
    } catch (IllegalArgumentException e) {
      throw new SSLException(e.getMessage(), e);
    }
  }

  /** The store paths; never the passwords. */
  @Override
  public String toString() {
    return "NodeTlsContextFactory[keyStore=" + keyStore + ", trustStore=" + trustStore
        + ", protocol=" + getProtocol() + "]";
  }
}
