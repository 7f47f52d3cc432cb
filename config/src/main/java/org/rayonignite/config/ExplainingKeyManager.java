package org.rayonignite.config;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's key manager over this node's key store, which refuses to go on with a handshake when
 * the peer asked for a client certificate from CAs none of this node's certificates comes from.
 *
 * <p>Why: the peer would reject the handshake anyway, but in TLS 1.3 it does so only after this
 * side has finished its part, and it then closes a socket with unread data, so this side usually
 * sees "connection reset" instead of the peer's alert. Ignite's discovery takes a reset for "no
 * node at that address" and, finding none, starts a cluster of its own. Failing here instead
 * gives Ignite an {@code SSLException}, which makes the node's start fail, with this message.
 */
final class ExplainingKeyManager extends X509ExtendedKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainingKeyManager.class);

  private final X509ExtendedKeyManager delegate;
  private final String keyStorePath;

  ExplainingKeyManager(X509ExtendedKeyManager delegate, String keyStorePath) {
    this.delegate = delegate;
    this.keyStorePath = keyStorePath;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    String alias = delegate.chooseClientAlias(keyTypes, issuers, socket);
    if (alias == null && issuers != null && issuers.length > 0) {
      String anyAlias = delegate.chooseClientAlias(keyTypes, null, socket);
      if (anyAlias != null) {
        throw notAccepted(anyAlias, issuers, socket == null || socket.getRemoteSocketAddress() == null
            ? null : socket.getRemoteSocketAddress().toString());
      }
    }
    return alias;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    String alias = delegate.chooseEngineClientAlias(keyTypes, issuers, engine);
    if (alias == null && issuers != null && issuers.length > 0) {
      String anyAlias = delegate.chooseEngineClientAlias(keyTypes, null, engine);
      if (anyAlias != null) {
        throw notAccepted(anyAlias, issuers, engine == null || engine.getPeerHost() == null ? null
            : engine.getPeerHost() + ":" + engine.getPeerPort());
      }
    }
    return alias;
  }

  private IllegalStateException notAccepted(String alias, Principal[] issuers, String peer) {
    X509Certificate[] chain = delegate.getCertificateChain(alias);
    String certificate = chain == null || chain.length == 0 ? "\"" + alias + "\""
        : "\"" + chain[0].getSubjectX500Principal() + "\" issued by \""
            + chain[0].getIssuerX500Principal() + "\"";
    String message = "TLS: the node at " + (peer != null ? peer : "the other end")
        + " does not trust this node's certificate " + certificate + " from key store "
        + keyStorePath + "; it trusts certificates issued by " + Arrays.toString(issuers)
        + " (sign this node's certificate with a CA in the cluster's trust store)";
    LOG.warn(message);
    return new IllegalStateException(message);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return delegate.chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return delegate.getClientAliases(keyType, issuers);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
  }
}
