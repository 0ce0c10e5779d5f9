package dev.streamstorm.bench;

/** The benchmark cannot go on (server unreachable, too few file descriptors...); says why. */
public final class BenchException extends RuntimeException {
  public BenchException(String message) {
    super(message);
  }
}
