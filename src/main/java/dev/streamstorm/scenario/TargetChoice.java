package dev.streamstorm.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@code target} split into where to connect and the path its URL carries. ws:// and wss:// are
 * accepted as http:// and https:// and suggest the websocket protocol.
 *
 * @param target the origin (scheme, host, port) or the embedded server
 * @param urlPath the URL's path and query when it has more than "/": the message path when the
 *     scenario gives none, else a prefix of every path
 * @param schemeProtocol websocket when the URL was ws:// or wss://
 */
record TargetChoice(Target target, Optional<String> urlPath, Optional<Protocol> schemeProtocol) {

  static final String EXPECTED = "expected a URL like http://127.0.0.1:8080 or 'embedded'";

  static TargetChoice parse(String text, Function<String, ScenarioException> error) {
    String t = text.strip();
    if (t.equalsIgnoreCase("embedded")) {
      return new TargetChoice(Target.embeddedServer(), Optional.empty(), Optional.empty());
    }
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw error.apply(EXPECTED + ", got '" + text + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String httpScheme =
        switch (scheme) {
          case "http", "ws" -> "http";
          case "https", "wss" -> "https";
          default -> null;
        };
    if (httpScheme == null || uri.getHost() == null) {
      throw error.apply(EXPECTED + ", got '" + text + "'");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      throw error.apply(
          "port " + uri.getPort() + " is not a TCP port (1 to 65535), in '" + text + "'");
    }
    if (uri.getRawUserInfo() != null) {
      throw error.apply(
          "credentials in the target URL are not supported; send them in headers"
              + " (e.g. Authorization: \"Bearer ${env:API_KEY}\")");
    }
    String origin = httpScheme + "://" + uri.getRawAuthority();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    Optional<String> urlPath =
        path.isEmpty() || path.equals("/")
            ? query.isEmpty() ? Optional.empty() : Optional.of("/" + query)
            : Optional.of(path + query);
    Optional<Protocol> hint =
        scheme.startsWith("ws") ? Optional.of(Protocol.WEBSOCKET) : Optional.empty();
    return new TargetChoice(Target.of(URI.create(origin)), urlPath, hint);
  }
}
