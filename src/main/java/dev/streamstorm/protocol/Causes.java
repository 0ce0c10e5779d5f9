package dev.streamstorm.protocol;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * A failure told with its causes, for error messages: "SSLHandshakeException: Failed to create SSL
 * connection: caused by SSLHandshakeException: PKIX path building failed ...: caused by
 * SunCertPathBuilderException: unable to find valid certification path to requested target". The
 * outermost exception alone often says nothing (Vert.x's TLS failures all read "Failed to create
 * SSL connection"); the reason is in the chain.
 */
final class Causes {
  /** Causes beyond this many are left out: the reason is near the top. */
  private static final int MAX_DEPTH = 5;

  private Causes() {}

  static String describe(Throwable err) {
    List<String> parts = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    String previous = "";
    for (Throwable t = err; t != null && !seen.containsKey(t); t = t.getCause()) {
      seen.put(t, true);
      String msg = t.getMessage();
      String part = t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
      // A cause whose text its wrapper already quotes ("X: y" around y) adds nothing.
      if (msg != null && previous.contains(msg) && !parts.isEmpty()) {
        continue;
      }
      if (parts.size() == MAX_DEPTH) {
        parts.add("...");
        break;
      }
      parts.add(part);
      previous = msg == null ? "" : msg;
    }
    return String.join(": caused by ", parts);
  }

  /**
   * Whether TLS failed somewhere in the chain (a handshake, an alert such as a missing client
   * certificate).
   */
  static boolean tls(Throwable err) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = err; t != null && !seen.containsKey(t); t = t.getCause()) {
      seen.put(t, true);
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
