package dev.streamstorm.scenario;

import java.net.URI;
import java.util.Optional;

/**
 * Where traffic goes: a base URL, or the in-process bench-server started on a free port.
 *
 * @param url the base URL ({@code http://host:port} with an optional path); empty when embedded
 * @param embedded true for {@code target: embedded}
 */
public record Target(Optional<URI> url, boolean embedded) {

  public static Target embeddedServer() {
    return new Target(Optional.empty(), true);
  }

  public static Target of(URI url) {
    return new Target(Optional.of(url), false);
  }
}
