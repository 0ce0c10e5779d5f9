package dev.streamstorm.scenario;

import java.util.Optional;

/**
 * A stream of text tokens inside a message: the answer, or the model's reasoning.
 *
 * @param token where a token's text is
 * @param when optional filter: only events that match it can carry this channel's tokens
 */
public record Channel(TokenSource token, Optional<Match> when) {

  public static Channel of(TokenSource token) {
    return new Channel(token, Optional.empty());
  }
}
