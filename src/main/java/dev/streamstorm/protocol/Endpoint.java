package dev.streamstorm.protocol;

import java.net.URI;

/**
 * Host, port, TLS and base path of a target, split once from its URL.
 *
 * @param basePath path prefix without a trailing slash ("" for none)
 */
public record Endpoint(String host, int port, boolean ssl, String basePath) {

  public static Endpoint of(URI uri) {
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase();
    boolean ssl = scheme.equals("https") || scheme.equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Endpoint(uri.getHost(), port, ssl, path);
  }

  /** The base URL as users wrote it, without credentials or query. */
  public String url() {
    return (ssl ? "https" : "http") + "://" + host + ":" + port + basePath;
  }
}
