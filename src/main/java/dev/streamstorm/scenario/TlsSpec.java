package dev.streamstorm.scenario;

import java.util.Optional;

/**
 * Which servers a run trusts and how it proves itself ({@code connection.tls}); applies to every
 * TLS connection (https:// and wss:// targets: SSE, session calls, WebSocket). Files are read when
 * the scenario is loaded, so the model holds their contents.
 *
 * @param ca PEM certificates to trust instead of the JVM's default trust store
 * @param trustStore a PKCS#12 or JKS trust store to trust instead of the JVM's default
 * @param insecure trust every certificate and skip the host name check (a loud warning at start and
 *     in the summary)
 * @param clientCert the client certificate chain (PEM) for servers that ask for one (mutual TLS)
 * @param clientKey the client certificate's private key (PEM, unencrypted)
 */
public record TlsSpec(
    Optional<PemFile> ca,
    Optional<TrustStore> trustStore,
    boolean insecure,
    Optional<PemFile> clientCert,
    Optional<PemFile> clientKey) {

  /** The JVM's default trust store, host names checked, no client certificate. */
  public static final TlsSpec DEFAULT =
      new TlsSpec(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());

  /**
   * A PEM file as read at load time.
   *
   * @param path the path as resolved against the scenario's folder
   * @param text its contents
   */
  public record PemFile(String path, String text) {}

  /**
   * A trust store as read at load time.
   *
   * @param path the path as resolved against the scenario's folder
   * @param bytes its contents
   * @param type the type the JDK recognised it as: PKCS12 or JKS
   * @param password its password (a template of environment variables), if it has one
   */
  public record TrustStore(String path, byte[] bytes, String type, Optional<Template> password) {}

  /** How servers are trusted, for the summary: never a secret. */
  public String describeTrust() {
    if (insecure) {
      return "INSECURE: any certificate, host names not checked";
    }
    if (ca.isPresent()) {
      return "ca " + ca.get().path();
    }
    if (trustStore.isPresent()) {
      return "trust store " + trustStore.get().path();
    }
    return "the JVM's default trust store";
  }
}
