package org.rayonignite.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

/**
 * Opens the key and trust stores of {@link RayConfig.Tls} before Ignite does, so that a missing
 * file, a wrong password or a store without the entries it needs fails at {@code Ray.init} with
 * an {@link IllegalArgumentException} naming the file and the problem, instead of a stack trace
 * from deep inside Ignite's discovery start.
 */
final class TlsStores {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private TlsStores() {}

  /**
   * The key store at {@code path}: it must open with {@code password} and hold a private key
   * whose password is the store's (the key is unlocked with the store password) and whose
   * certificate is valid now and good for TLS clients and servers.
   */
  static KeyStore openKeyStore(String path, String password) {
    KeyStore store = open("key store", path, password);
    boolean hasKey = false;
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        hasKey = true;
        try {
          store.getKey(alias, password.toCharArray());
        } catch (UnrecoverableKeyException e) {
          throw new IllegalArgumentException("the private key \"" + alias + "\" in TLS key store "
              + path + " has a password other than the store's; Ray on Ignite unlocks it with the"
              + " key store password");
        }
        Certificate certificate = store.getCertificate(alias);
        if (certificate instanceof X509Certificate x509) {
          checkUsable(x509, alias, path);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read TLS key store " + path + ": " + e.getMessage(), e);
    }
    if (!hasKey) {
      throw new IllegalArgumentException("TLS key store " + path + " holds no private key with a "
          + "certificate (is it a trust store? a key store needs this node's key and certificate)");
    }
    return store;
  }

  /** The trust store at {@code path}: it must open with {@code password} and hold a certificate. */
  static KeyStore openTrustStore(String path, String password) {
    KeyStore store = open("trust store", path, password);
    try {
      if (store.size() == 0) {
        throw new IllegalArgumentException("TLS trust store " + path + " holds no certificates "
            + "(it needs the certificate of the CA that signed the nodes' certificates)");
      }
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("cannot read TLS trust store " + path + ": " + e.getMessage(), e);
    }
    return store;
  }

  private static KeyStore open(String what, String path, String password) {
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("TLS " + what + " " + file.toAbsolutePath()
          + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("TLS " + what + " " + file.toAbsolutePath()
          + " is not a readable file");
    }
    try {
      return KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException("wrong password for TLS " + what + " " + path
            + " (or the file is damaged)");
      }
      throw new IllegalArgumentException("cannot read TLS " + what + " " + path + ": "
          + e.getMessage(), e);
    } catch (KeyStoreException e) {
      throw new IllegalArgumentException("TLS " + what + " " + path
          + " is not a PKCS12 or JKS key store", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read TLS " + what + " " + path + ": "
          + e.getMessage(), e);
    }
  }

  /** Valid now, and, if it names extended key usages, good for both TLS clients and servers. */
  private static void checkUsable(X509Certificate certificate, String alias, String path) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      if (usages != null && !usages.contains(ANY_USAGE)
          && !(usages.contains(SERVER_AUTH) && usages.contains(CLIENT_AUTH))) {
        throw new IllegalArgumentException("the certificate \"" + alias + "\" ("
            + certificate.getSubjectX500Principal() + ") in TLS key store " + path + " has "
            + "extended key usages " + usages + "; a node is TLS client and server, so it needs "
            + "both serverAuth and clientAuth (keytool -ext eku=serverAuth,clientAuth)");
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("cannot read the certificate \"" + alias
          + "\" in TLS key store " + path + ": " + e.getMessage(), e);
    }
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new IllegalArgumentException("the certificate \"" + alias + "\" ("
          + certificate.getSubjectX500Principal() + ") in TLS key store " + path + " expired on "
          + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new IllegalArgumentException("the certificate \"" + alias + "\" ("
          + certificate.getSubjectX500Principal() + ") in TLS key store " + path
          + " is not valid before " + certificate.getNotBefore().toInstant());
    }
  }
}
