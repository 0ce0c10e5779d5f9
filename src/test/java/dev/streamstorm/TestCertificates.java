package dev.streamstorm;

import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A self-signed certificate for one host name, generated for a test (Vert.x's {@link
 * SelfSignedCertificate}: CN only, no subject alternative names, so it names {@code localhost} but
 * not {@code 127.0.0.1}), with its PEM files copied into the test's folder.
 *
 * @param cert the certificate, PEM
 * @param key its private key, PEM (PKCS#8)
 */
public record TestCertificates(Path cert, Path key) {

  /**
   * One for {@code host}, its files written as {@code NAME.crt} and {@code NAME.key}. Generated
   * once per name and host in a JVM (an RSA key takes a second or two on a loaded machine).
   */
  public static TestCertificates create(Path dir, String name, String host) {
    byte[][] pem = GENERATED.computeIfAbsent(name + "@" + host, k -> generate(host));
    try {
      Path cert = Files.write(dir.resolve(name + ".crt"), pem[0]);
      Path key = Files.write(dir.resolve(name + ".key"), pem[1]);
      return new TestCertificates(cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Map<String, byte[][]> GENERATED = new ConcurrentHashMap<>();

  private static byte[][] generate(String host) {
    SelfSignedCertificate generated = SelfSignedCertificate.create(host);
    try {
      return new byte[][] {
        Files.readAllBytes(Path.of(generated.certificatePath())),
        Files.readAllBytes(Path.of(generated.privateKeyPath()))
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      generated.delete();
    }
  }

  /** A PKCS#12 trust store holding this certificate, written to {@code file}. */
  public Path trustStore(Path file, String password) {
    try (OutputStream out = Files.newOutputStream(file)) {
      Certificate c =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("server", c);
      ks.store(out, password.toCharArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
