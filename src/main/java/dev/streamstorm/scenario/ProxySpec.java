package dev.streamstorm.scenario;

import java.util.Optional;

/**
 * How the run reaches its target through a proxy ({@code connection.proxy}). Which proxy, if any, a
 * target takes is decided by {@link ProxyChoice}.
 *
 * @param url the proxy to use ({@code http://HOST:PORT} for HTTP CONNECT, {@code
 *     socks5://HOST:PORT} for SOCKS5); empty to take it from the environment when {@code
 *     environment} is on
 * @param username proxy user name (overrides one in the URL)
 * @param password proxy password (overrides one in the URL)
 * @param environment whether {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code ALL_PROXY} and {@code
 *     NO_PROXY} (and their lower-case forms) are read; false ignores all of them
 * @param noProxy hosts reached directly, in NO_PROXY's syntax; replaces the environment's NO_PROXY
 */
public record ProxySpec(
    Optional<Template> url,
    Optional<Template> username,
    Optional<Template> password,
    boolean environment,
    Optional<String> noProxy) {

  /** The environment's proxy settings, as curl reads them. */
  public static final ProxySpec FROM_ENVIRONMENT =
      new ProxySpec(Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());

  /** No proxy at all, whatever the environment says. */
  public static final ProxySpec NONE =
      new ProxySpec(Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
}
