package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how connections are made: {@code connection.protocol}, {@code
 * connection.streamsPerConnection}, {@code connection.tls} and {@code connection.proxy}. Files are
 * read here, relative to the scenario's folder, and checked (a certificate, a key, a trust store
 * that opens with its password), so a bad one is a scenario error at its key rather than every
 * connection failing.
 */
final class NetworkReader {
  static final List<String> KEYS = List.of("protocol", "streamsPerConnection", "tls", "proxy");
  static final List<String> TLS_KEYS =
      List.of("ca", "trustStore", "trustStorePassword", "insecure", "clientCert", "clientKey");
  static final List<String> PROXY_KEYS =
      List.of("url", "username", "password", "environment", "noProxy");

  private static final Map<String, HttpProtocol> PROTOCOLS = new LinkedHashMap<>();

  static {
    for (HttpProtocol p : HttpProtocol.values()) {
      PROTOCOLS.put(p.id(), p);
    }
  }

  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  private final NodeReader values;
  private final Templates templates;
  private final Function<String, String> env;

  NetworkReader(NodeReader values, Templates templates, Function<String, String> env) {
    this.values = values;
    this.templates = templates;
    this.env = env;
  }

  /** {@code base} (the connection's other keys) with what {@code r} says about the network. */
  ConnectionSpec read(MapReader r, ConnectionSpec base) {
    HttpProtocol protocol =
        r.get("protocol")
            .map(n -> values.choice(r.path("protocol"), n, "protocol", PROTOCOLS))
            .orElse(HttpProtocol.HTTP1);
    int streams =
        r.positiveInt("streamsPerConnection").orElse(ConnectionSpec.DEFAULT_STREAMS_PER_CONNECTION);
    if (r.has("streamsPerConnection") && !protocol.multiplexed()) {
      throw r.error(
          "streamsPerConnection",
          "applies to HTTP/2 only (connection.protocol: h2 or h2c); HTTP/1.1 carries one stream"
              + " per connection");
    }
    if (protocol.multiplexed() && base.maxConnections().isPresent()) {
      throw r.error(
          "maxConnections",
          "applies to HTTP/1.1; with "
              + protocol.id()
              + " a connection carries streamsPerConnection messages at once");
    }
    TlsSpec tls = r.map("tls", TLS_KEYS).map(this::tls).orElse(TlsSpec.DEFAULT);
    ProxySpec proxy = r.get("proxy").map(n -> proxy(r, n)).orElse(ProxySpec.FROM_ENVIRONMENT);
    return base.withNetwork(protocol, streams, tls, proxy);
  }

  /**
   * Checks the connection against the target and the message transport: h2 needs an https://
   * target, h2c an http:// one, and neither applies to WebSocket.
   *
   * @param connection the connection map as written, or null when the file has none
   * @param tlsTarget whether the target is https:// (or wss://)
   */
  static void check(MapReader connection, ConnectionSpec spec, boolean tlsTarget, Protocol stream) {
    if (connection == null || !spec.protocol().multiplexed()) {
      return;
    }
    if (stream == Protocol.WEBSOCKET) {
      throw connection.error(
          "protocol",
          "HTTP/2 carries SSE messages and session calls; a WebSocket run opens its sockets over"
              + " HTTP/1.1 (remove connection.protocol)");
    }
    if (spec.protocol() == HttpProtocol.H2 && !tlsTarget) {
      throw connection.error(
          "protocol",
          "h2 is HTTP/2 over TLS and needs an https:// target; cleartext HTTP/2 is h2c");
    }
    if (spec.protocol() == HttpProtocol.H2C && tlsTarget) {
      throw connection.error(
          "protocol", "h2c is cleartext HTTP/2; an https:// target takes h2 (agreed by ALPN)");
    }
  }

  // ---- tls ----

  private TlsSpec tls(MapReader r) {
    boolean insecure = r.bool("insecure").orElse(false);
    Optional<TlsSpec.PemFile> ca =
        r.get("ca").map(n -> pem(r.path("ca"), n, "CERTIFICATE", "a PEM certificate file"));
    Optional<TlsSpec.TrustStore> trustStore = r.get("trustStore").map(n -> trustStore(r, n));
    if (r.has("trustStorePassword") && trustStore.isEmpty()) {
      throw r.error("trustStorePassword", "a password without trustStore");
    }
    if (ca.isPresent() && trustStore.isPresent()) {
      throw r.error("trustStore", "give ca or trustStore, not both");
    }
    if (insecure && (ca.isPresent() || trustStore.isPresent())) {
      throw r.error(
          "insecure",
          "insecure trusts every certificate, so "
              + (ca.isPresent() ? "ca" : "trustStore")
              + " would be ignored; remove one");
    }
    Optional<TlsSpec.PemFile> cert =
        r.get("clientCert")
            .map(n -> pem(r.path("clientCert"), n, "CERTIFICATE", "a PEM certificate file"));
    Optional<TlsSpec.PemFile> key =
        r.get("clientKey").map(n -> pem(r.path("clientKey"), n, "PRIVATE KEY", "a PEM key file"));
    if (cert.isPresent() != key.isPresent()) {
      throw cert.isPresent()
          ? r.error("clientCert", "needs clientKey (its private key, PEM) beside it")
          : r.error("clientKey", "needs clientCert (the certificate chain, PEM) beside it");
    }
    return new TlsSpec(ca, trustStore, insecure, cert, key);
  }

  private Path file(String path, Node node) {
    String name = values.text(path, node);
    Path file = values.source().baseDir().resolve(name).normalize();
    if (!Files.isRegularFile(file)) {
      throw values.error(node, path, "file not found: " + file);
    }
    if (!Files.isReadable(file)) {
      throw values.error(node, path, "cannot read " + file + ": permission denied");
    }
    return file;
  }

  private byte[] read(String path, Node node, Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw values.error(node, path, file + " is larger than 1 MiB: not a certificate or key");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw values.error(node, path, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static final long MAX_FILE_BYTES = 1 << 20;

  /**
   * A PEM file with at least one block of {@code kind} (a certificate, or a private key of any
   * algorithm: PKCS#8 {@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}).
   */
  private TlsSpec.PemFile pem(String path, Node node, String kind, String what) {
    Path file = file(path, node);
    String text = new String(read(path, node, file), StandardCharsets.US_ASCII);
    Matcher m = PEM_BLOCK.matcher(text);
    int blocks = 0;
    while (m.find()) {
      String label = m.group(1);
      if (label.equals("ENCRYPTED PRIVATE KEY") && kind.equals("PRIVATE KEY")) {
        throw values.error(
            node,
            path,
            file
                + " holds an encrypted key; give it unencrypted (openssl pkcs8 -topk8 -nocrypt"
                + " -in KEY -out KEY.pem)");
      }
      if (!label.endsWith(kind)) {
        continue;
      }
      try {
        Base64.getMimeDecoder().decode(m.group(2).strip());
      } catch (IllegalArgumentException e) {
        throw values.error(node, path, file + ": the " + label + " block is not valid base64");
      }
      blocks++;
    }
    if (blocks == 0) {
      throw values.error(
          node,
          path,
          "expected " + what + " (-----BEGIN " + kind + "-----), found none in " + file);
    }
    if (kind.equals("CERTIFICATE")) {
      try {
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
      } catch (GeneralSecurityException e) {
        throw values.error(node, path, file + ": not a valid certificate: " + e.getMessage());
      }
    }
    return new TlsSpec.PemFile(file.toString(), text);
  }

  private TlsSpec.TrustStore trustStore(MapReader r, Node node) {
    String path = r.path("trustStore");
    Path file = file(path, node);
    byte[] bytes = read(path, node, file);
    Optional<Template> password =
        r.get("trustStorePassword")
            .map(n -> templates.parse(r.path("trustStorePassword"), n, TemplateScope.NONE));
    char[] pw = password.map(t -> t.render(new EnvContext(env)).toCharArray()).orElse(null);
    KeyStore ks;
    try {
      ks = KeyStore.getInstance(file.toFile(), pw);
    } catch (IOException e) {
      String why =
          e.getCause() instanceof UnrecoverableKeyException
              ? "wrong trustStorePassword"
              : e.getMessage();
      throw values.error(node, path, "cannot open trust store " + file + ": " + why);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw values.error(
          node, path, file + " is not a PKCS#12 or JKS trust store: " + e.getMessage());
    }
    try {
      if (ks.size() == 0) {
        throw values.error(node, path, "trust store " + file + " holds no certificate");
      }
    } catch (GeneralSecurityException e) {
      throw values.error(node, path, "cannot read trust store " + file + ": " + e.getMessage());
    }
    return new TlsSpec.TrustStore(file.toString(), bytes, ks.getType(), password);
  }

  // ---- proxy ----

  /** A map, a URL (shorthand for {@code url:}), or {@code false} (no proxy at all). */
  private ProxySpec proxy(MapReader connection, Node node) {
    String path = connection.path("proxy");
    if (node instanceof ScalarNode s && s.type() == ScalarNode.Type.BOOLEAN) {
      if (s.truth()) {
        throw values.expected(
            node,
            path,
            "a proxy URL, a map (url, username, password, environment, noProxy) or false");
      }
      return ProxySpec.NONE;
    }
    if (node instanceof ScalarNode) {
      Template url = templates.parse(path, node, TemplateScope.NONE);
      checkUrl(path, node, url);
      return new ProxySpec(
          Optional.of(url), Optional.empty(), Optional.empty(), true, Optional.empty());
    }
    MapReader r = new MapReader(values, path, values.map(path, node), PROXY_KEYS);
    Optional<Template> url =
        r.get("url").map(n -> templates.parse(r.path("url"), n, TemplateScope.NONE));
    url.ifPresent(u -> checkUrl(r.path("url"), r.get("url").get(), u));
    Optional<Template> user =
        r.get("username").map(n -> templates.parse(r.path("username"), n, TemplateScope.NONE));
    Optional<Template> password =
        r.get("password").map(n -> templates.parse(r.path("password"), n, TemplateScope.NONE));
    boolean environment = r.bool("environment").orElse(true);
    Optional<String> noProxy = r.get("noProxy").map(n -> noProxy(r.path("noProxy"), n));
    if ((user.isPresent() || password.isPresent()) && url.isEmpty() && !environment) {
      throw r.error(
          user.isPresent() ? "username" : "password",
          "credentials without a proxy (no url, and environment: false)");
    }
    return new ProxySpec(url, user, password, environment, noProxy);
  }

  private void checkUrl(String path, Node node, Template url) {
    try {
      ProxyChoice.parse(url.render(new EnvContext(env)), path);
    } catch (IllegalArgumentException e) {
      throw values.error(node, "", e.getMessage());
    }
  }

  /** NO_PROXY's syntax as one text, or a list of its entries. */
  private String noProxy(String path, Node node) {
    if (node instanceof ListNode l) {
      List<String> entries = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        entries.add(values.text(path + "[" + i + "]", l.items().get(i)));
      }
      return String.join(",", entries);
    }
    return values.text(path, node);
  }
}
