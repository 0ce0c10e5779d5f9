package dev.streamstorm.cluster;

/** A distributed run could not start or go on: the message says why, for the user. */
public final class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
