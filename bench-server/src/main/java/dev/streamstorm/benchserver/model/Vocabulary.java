package dev.streamstorm.benchserver.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The words tokens are drawn from, each with a leading space like a BPE token. The JSON-string
 * bytes are encoded once so writing a token copies bytes and allocates no strings.
 */
public final class Vocabulary {

  private static final List<String> WORDS =
      List.of(
          "the",
          "order",
          "your",
          "is",
          "has",
          "been",
          "shipped",
          "and",
          "will",
          "arrive",
          "in",
          "two",
          "days",
          "we",
          "can",
          "help",
          "with",
          "that",
          "request",
          "please",
          "check",
          "account",
          "status",
          "payment",
          "was",
          "received",
          "tracking",
          "number",
          "for",
          "a",
          "delivery",
          "window",
          "of",
          "three",
          "business",
          "today",
          "thank",
          "you",
          "waiting",
          "our",
          "team",
          "reviewed",
          "refund",
          "policy",
          "allows",
          "returns",
          "within",
          "thirty",
          "customer",
          "support",
          "agent",
          "found",
          "details",
          "item",
          "warehouse",
          "confirmed",
          "address",
          "update",
          "email",
          "sent",
          "to",
          "on",
          "file",
          "it",
          "should",
          "be",
          "there",
          "by",
          "Friday",
          "let",
          "me",
          "know",
          "if",
          "anything",
          "else",
          "comes",
          "up",
          "happy",
          "assist",
          "further",
          "invoice",
          "total",
          "includes",
          "tax",
          "discount",
          "applied",
          "this",
          "time",
          "next",
          "step",
          "verify",
          "identity",
          "now");

  private static final String[] TEXTS = WORDS.stream().map(w -> " " + w).toArray(String[]::new);
  private static final byte[][] JSON_BYTES =
      WORDS.stream().map(w -> (" " + w).getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);

  private Vocabulary() {}

  public static int pick(RandomGenerator rng) {
    return rng.nextInt(TEXTS.length);
  }

  /** The token text, leading space included. */
  public static String text(int word) {
    return TEXTS[word];
  }

  /** The token as the inside of a JSON string (the vocabulary needs no escaping), UTF-8. */
  public static byte[] jsonBytes(int word) {
    return JSON_BYTES[word];
  }
}
