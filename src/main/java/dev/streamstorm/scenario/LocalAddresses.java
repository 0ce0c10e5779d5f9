package dev.streamstorm.scenario;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code connection.localAddresses}: the source addresses connections are opened from, each entry
 * an IP literal or an IPv4 range ({@code 127.0.0.1-127.0.0.8}, or {@code 127.0.0.1-8} for the last
 * part). Host names are refused: the kernel binds to addresses, and a name resolving differently
 * later would spread the users differently.
 */
final class LocalAddresses {

  /** More addresses than any machine has interfaces for: a range this long is a typo. */
  static final int MAX = 4_096;

  private LocalAddresses() {}

  /**
   * The addresses {@code entry} stands for, in order.
   *
   * @throws IllegalArgumentException saying what was expected (its text follows "expected ")
   */
  static List<String> expand(String entry) {
    String e = entry.strip();
    int dash = e.indexOf('-');
    if (dash < 0) {
      return List.of(literal(e));
    }
    long from = ipv4(e.substring(0, dash).strip(), entry);
    String end = e.substring(dash + 1).strip();
    long to;
    if (end.matches("\\d{1,3}")) {
      int last = Integer.parseInt(end);
      if (last > 255) {
        throw new IllegalArgumentException(bad(entry));
      }
      to = (from & ~0xFFL) | last;
    } else {
      to = ipv4(end, entry);
    }
    if (to < from) {
      throw new IllegalArgumentException(
          "a range whose end is not below its start, got '" + entry + "'");
    }
    if (to - from + 1 > MAX) {
      throw new IllegalArgumentException(
          "at most " + MAX + " addresses, got '" + entry + "' (" + (to - from + 1) + ")");
    }
    List<String> out = new ArrayList<>();
    for (long a = from; a <= to; a++) {
      out.add(
          String.format(
              Locale.ROOT, "%d.%d.%d.%d", a >>> 24, (a >>> 16) & 0xFF, (a >>> 8) & 0xFF, a & 0xFF));
    }
    return out;
  }

  private static String literal(String s) {
    if (s.indexOf(':') >= 0) {
      try {
        // A literal with ':' is parsed, never looked up.
        return InetAddress.getByName(s.startsWith("[") ? s : "[" + s + "]").getHostAddress();
      } catch (UnknownHostException | RuntimeException e) {
        throw new IllegalArgumentException(bad(s));
      }
    }
    long a = ipv4(s, s);
    return String.format(
        Locale.ROOT, "%d.%d.%d.%d", a >>> 24, (a >>> 16) & 0xFF, (a >>> 8) & 0xFF, a & 0xFF);
  }

  private static long ipv4(String s, String entry) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(bad(entry));
    }
    long a = 0;
    for (String p : parts) {
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
        throw new IllegalArgumentException(bad(entry));
      }
      a = (a << 8) | Integer.parseInt(p);
    }
    return a;
  }

  private static String bad(String entry) {
    return "an IP address (127.0.0.2, ::1) or an IPv4 range (127.0.0.1-127.0.0.8 or 127.0.0.1-8),"
        + " got '"
        + entry
        + "'";
  }
}
