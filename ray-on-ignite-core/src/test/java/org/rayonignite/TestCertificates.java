package org.rayonignite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway CAs, node key stores and trust stores, made at test time with the JDK's
 * {@code keytool} by the same commands as README.md's TLS section: a CA key pair, then per node a
 * key pair, a certificate request, a certificate signed by the CA, and the CA's certificate and
 * the signed one imported into the node's PKCS12 key store.
 */
final class TestCertificates {
  /** Every store's password. */
  static final String PASSWORD = "tls-test-Secret-42";

  private final Path directory;

  TestCertificates(Path directory) {
    this.directory = directory;
  }

  /** The file {@code name} in the directory. */
  Path path(String name) {
    return directory.resolve(name);
  }

  /** A CA: its key store {@code <name>.p12} and its certificate {@code <name>.pem}. */
  void certificateAuthority(String name) {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2",
        "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", name + ".p12",
        "-storepass", PASSWORD, "-file", name + ".pem");
  }

  /** A node key store {@code <name>.p12} holding a key whose certificate CA {@code ca} signed. */
  void node(String name, String ca) {
    keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=" + name, "-validity", "2",
        "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-certreq", "-alias", "node", "-keystore", name + ".p12", "-storepass", PASSWORD,
        "-file", name + ".csr");
    keytool("-gencert", "-alias", "ca", "-keystore", ca + ".p12", "-storepass", PASSWORD,
        "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2",
        "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth,clientAuth");
    keytool("-importcert", "-alias", "ca", "-file", ca + ".pem", "-keystore", name + ".p12",
        "-storepass", PASSWORD, "-noprompt");
    keytool("-importcert", "-alias", "node", "-file", name + ".pem", "-keystore", name + ".p12",
        "-storepass", PASSWORD);
  }

  /** A trust store {@code <name>.p12} trusting the certificate of CA {@code ca}. */
  void trustStore(String name, String ca) {
    keytool("-importcert", "-alias", ca, "-file", ca + ".pem", "-keystore", name + ".p12",
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt");
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-J-XX:TieredStopAtLevel=1");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running keytool", e);
    }
  }
}
