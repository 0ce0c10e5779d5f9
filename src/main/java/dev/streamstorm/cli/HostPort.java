package dev.streamstorm.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listening address as the live flags take it: {@code PORT} (on loopback) or {@code HOST:PORT};
 * port 0 asks for a free one.
 */
record HostPort(String host, int port) {
  static final String LOOPBACK = "127.0.0.1";
  private static final Pattern FORM = Pattern.compile("(?:(\\[[^]]+]|[^:\\s]+):)?(\\d{1,5})");

  /** True for a value that reads as an address (used to tell it from a scenario file name). */
  static boolean looksLike(String value) {
    return FORM.matcher(value).matches();
  }

  static HostPort parse(String flag, String value) {
    Matcher m = FORM.matcher(value.trim());
    int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (port < 0 || port > 65_535) {
      throw new UsageException(
          flag + ": expected PORT or HOST:PORT (0 for a free port), got '" + value + "'");
    }
    String host = m.group(1) == null ? LOOPBACK : m.group(1).replaceAll("^\\[|]$", "");
    return new HostPort(host, port);
  }

  /** True when only this machine can connect. */
  boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new UsageException("cannot resolve '" + host + "': " + e.getMessage());
    }
  }

  /** host:port for a URL, brackets around an IPv6 address. */
  String authority(int boundPort) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
  }
}
