package dev.streamstorm.scenario;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which proxy, if any, carries the traffic to a target, the way curl reads its environment:
 * {@code https_proxy}/{@code HTTPS_PROXY} for https:// and wss:// targets, {@code
 * http_proxy}/{@code HTTP_PROXY} for http:// and ws:// ones, {@code all_proxy}/{@code ALL_PROXY}
 * otherwise (the lower-case name first; an empty value counts as unset), and {@code
 * no_proxy}/{@code NO_PROXY} for the hosts reached directly. Pure: the environment is a function.
 */
public final class ProxyChoice {

  /** How a proxy is spoken to. */
  public enum Type {
    /** HTTP CONNECT: the proxy opens a TCP tunnel to the target, for every target scheme. */
    HTTP("http"),
    SOCKS5("socks5");

    private final String scheme;

    Type(String scheme) {
      this.scheme = scheme;
    }

    public String scheme() {
      return scheme;
    }
  }

  /**
   * A proxy to use. {@link #toString()} and {@link #describe()} never show the credentials.
   *
   * @param source where it came from: {@code connection.proxy.url} or the environment variable
   */
  public record Proxy(
      Type type, String host, int port, String username, String password, String source) {

    /** {@code http://proxy.example:3128 (from HTTPS_PROXY)}: no credentials. */
    public String describe() {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return type.scheme()
          + "://"
          + (username == null ? "" : "***@")
          + h
          + ":"
          + port
          + " (from "
          + source
          + ")";
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** The port a proxy URL without one is taken to have, as curl does. */
  static final int DEFAULT_PORT = 1080;

  private ProxyChoice() {}

  /**
   * The proxy to {@code target} (its scheme, host and port), or empty to connect directly.
   *
   * @throws IllegalArgumentException when the proxy URL that applies is not one streamstorm can
   *     use; the message names where it came from and never holds its credentials
   */
  public static Optional<Proxy> forTarget(
      ProxySpec spec, URI target, Function<String, String> env) {
    String scheme =
        target.getScheme() == null ? "http" : target.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("https") || scheme.equals("wss");
    int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
    String noProxy =
        spec.noProxy().orElseGet(() -> spec.environment() ? envValue(env, "no_proxy") : null);
    if (noProxy != null && bypasses(noProxy, target.getHost(), port)) {
      return Optional.empty();
    }
    EnvContext ctx = new EnvContext(env);
    String url;
    String source;
    if (spec.url().isPresent()) {
      url = spec.url().get().render(ctx);
      source = "connection.proxy.url";
    } else if (spec.environment()) {
      String name = tls ? "https_proxy" : "http_proxy";
      url = envValue(env, name);
      if (url == null) {
        name = "all_proxy";
        url = envValue(env, name);
      }
      if (url == null) {
        return Optional.empty();
      }
      source = envName(env, name);
    } else {
      return Optional.empty();
    }
    Proxy p = parse(url, source);
    String user = spec.username().map(t -> t.render(ctx)).orElse(p.username());
    String password = spec.password().map(t -> t.render(ctx)).orElse(p.password());
    return Optional.of(new Proxy(p.type(), p.host(), p.port(), user, password, source));
  }

  /** The lower-case variable's value, else the upper-case one's; null when both are unset or "". */
  private static String envValue(Function<String, String> env, String lowerName) {
    String v = env.apply(lowerName);
    if (v == null || v.isBlank()) {
      v = env.apply(lowerName.toUpperCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Which spelling of {@code lowerName} was read, for messages. */
  private static String envName(Function<String, String> env, String lowerName) {
    String v = env.apply(lowerName);
    return v == null || v.isBlank() ? lowerName.toUpperCase(Locale.ROOT) : lowerName;
  }

  /**
   * A proxy URL: {@code http://[user:password@]host[:port]}, {@code socks5://...} or {@code
   * socks5h://...} (both let the proxy resolve the target's name), or {@code host:port} alone
   * (taken as http://, as curl does).
   */
  static Proxy parse(String url, String source) {
    String text = url.strip();
    String shown = source + " (" + hideCredentials(text) + ")";
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          shown + ": not a proxy URL; expected http://HOST:PORT or socks5://HOST:PORT");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    Type type =
        switch (scheme) {
          case "http" -> Type.HTTP;
          case "socks5", "socks5h" -> Type.SOCKS5;
          case "https" ->
              throw new IllegalArgumentException(
                  shown
                      + ": TLS to the proxy (https://) is not supported; use http:// (HTTP CONNECT,"
                      + " the tunnel still carries TLS to an https:// target) or socks5://");
          default ->
              throw new IllegalArgumentException(
                  shown
                      + ": unsupported proxy scheme '"
                      + scheme
                      + "'; expected http:// or socks5://");
        };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          shown + ": no proxy host; expected http://HOST:PORT or socks5://HOST:PORT");
    }
    String rawPath = uri.getRawPath();
    if (rawPath != null && !rawPath.isEmpty() && !rawPath.equals("/")) {
      throw new IllegalArgumentException(shown + ": a proxy URL has no path");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Proxy(
        type, host, uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, user, password, source);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code url} with any user information replaced by {@code ***}. */
  static String hideCredentials(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int at = url.lastIndexOf('@');
    int slash = url.indexOf('/', start);
    if (at >= start && (slash < 0 || at < slash)) {
      return url.substring(0, start) + "***" + url.substring(at);
    }
    return url;
  }

  private static final Pattern HOST_AND_PORT = Pattern.compile("^(\\[[^\\]]*\\]|[^:]*):(\\d+)$");

  /**
   * Whether NO_PROXY's {@code list} names {@code host} (reached on {@code port}), as curl matches
   * it: entries separated by commas or blanks; {@code *} matches every host; a name matches itself
   * and every name under it ({@code example.com} and {@code .example.com} both match {@code
   * api.example.com} and {@code example.com}, not {@code notexample.com}), case-insensitively,
   * trailing dots ignored; an IP address matches itself or, with {@code /BITS}, its network (CIDR).
   * Unlike curl (and like Go and Python), an entry may end in {@code :PORT} to match that port
   * only. Loopback is not special: {@code localhost} and {@code 127.0.0.1} go through the proxy
   * unless listed, as curl sends them.
   */
  static boolean bypasses(String list, String host, int port) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name = host;
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    byte[] address = ipLiteral(name);
    if (address == null && name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    for (String raw : list.split("[,\\s]+")) {
      String token = raw.strip();
      if (token.isEmpty()) {
        continue;
      }
      if (token.equals("*")) {
        return true;
      }
      Matcher m = HOST_AND_PORT.matcher(token);
      if (m.matches()) {
        if (Integer.parseInt(m.group(2)) != port) {
          continue;
        }
        token = m.group(1);
      }
      if (token.startsWith("[") && token.endsWith("]")) {
        token = token.substring(1, token.length() - 1);
      }
      if (address != null ? matchesAddress(address, token) : matchesName(name, token)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesName(String name, String token) {
    String t = token;
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.startsWith(".")) {
      t = t.substring(1);
    }
    if (t.isEmpty()) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    t = t.toLowerCase(Locale.ROOT);
    return n.equals(t) || n.endsWith("." + t);
  }

  private static boolean matchesAddress(byte[] address, String token) {
    int slash = token.indexOf('/');
    String ip = slash < 0 ? token : token.substring(0, slash);
    byte[] network = ipLiteral(ip);
    if (network == null || network.length != address.length) {
      return false;
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(token.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (bits < 0 || bits > network.length * 8) {
        return false;
      }
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  /** The address an IP literal names, or null for a host name (never a DNS lookup). */
  static byte[] ipLiteral(String s) {
    if (!IPV4.matcher(s).matches() && !s.contains(":")) {
      return null;
    }
    try {
      // A literal (dotted quad, or an address with colons) is parsed, never looked up.
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
