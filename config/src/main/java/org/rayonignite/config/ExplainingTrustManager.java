package org.rayonignite.config;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's PKIX trust manager over a trust store, which, when it rejects a peer, logs and throws
 * one line naming the peer's address and certificate and the trust store that does not trust it.
 * On a cluster node this is the line that says who tried to join with an untrusted certificate.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainingTrustManager.class);

  private final X509ExtendedTrustManager delegate;
  private final String trustStorePath;

  private ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustStorePath) {
    this.delegate = delegate;
    this.trustStorePath = trustStorePath;
  }

  /** A trust manager trusting the certificates of {@code trustStore}, read from {@code path}. */
  static ExplainingTrustManager of(KeyStore trustStore, String path) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return new ExplainingTrustManager(x509, path);
        }
      }
      throw new IllegalStateException("the JDK's " + factory.getAlgorithm()
          + " trust manager factory made no X509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use TLS trust store " + path + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw rejected("from", peer(socket), chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw rejected("to", peer(socket), chain, e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw rejected("from", peer(engine), chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw rejected("to", peer(engine), chain, e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkClientTrusted(chain, authType);
    } catch (CertificateException e) {
      throw rejected("from", null, chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw rejected("to", null, chain, e);
    }
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  @Override
  public String toString() {
    return "trust store " + trustStorePath;
  }

  /** {@code direction}: "from" when a peer connected to us, "to" when we connected to it. */
  private CertificateException rejected(String direction, String peer, X509Certificate[] chain,
      CertificateException cause) {
    String certificate = chain == null || chain.length == 0 ? "no certificate"
        : "certificate \"" + chain[0].getSubjectX500Principal() + "\" issued by \""
            + chain[0].getIssuerX500Principal() + "\"";
    String message = "TLS: refused the connection " + direction + " "
        + (peer != null ? peer : "a peer") + ": its "
        + certificate + " is not trusted by trust store " + trustStorePath + " ("
        + cause.getMessage() + ")";
    LOG.warn(message);
    return new CertificateException(message, cause);
  }

  private static String peer(Socket socket) {
    return socket == null || socket.getRemoteSocketAddress() == null ? null
        : socket.getRemoteSocketAddress().toString();
  }

  private static String peer(SSLEngine engine) {
    return engine == null || engine.getPeerHost() == null ? null
        : engine.getPeerHost() + ":" + engine.getPeerPort();
  }
}
