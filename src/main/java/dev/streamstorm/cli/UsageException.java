package dev.streamstorm.cli;

/** Bad input from the user: printed as one clear line and mapped to exit code 2, no stack trace. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
