package dev.streamstorm.protocol.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * One document as Jackson's tree reads it ({@code readTree}, trailing content refused), the
 * references' common first step.
 *
 * <p>One thing is decided before Jackson reads: a document that Jackson's encoding detection would
 * take for UTF-16 or UTF-32 (a NUL byte, a FE or FF lead), or whose UTF-8 byte order mark it would
 * skip, is not UTF-8 JSON text (RFC 8259 section 8.1), so it is malformed.
 *
 * @param root the tree, or null when the document is malformed
 * @param malformedReason why not, or null when valid
 * @param repeatedKeys whether an object repeats a key: a tree keeps the last occurrence, the
 *     scanner the first that fits a target (by design), so the tree does not tell what it finds
 */
record JacksonDocument(JsonNode root, String malformedReason, boolean repeatedKeys) {

  private static final ObjectMapper TREE =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final ObjectMapper NO_REPEATS =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  static JacksonDocument read(byte[] doc) {
    String notUtf8 = notUtf8Json(doc);
    if (notUtf8 != null) {
      return malformed(notUtf8);
    }
    JsonNode root;
    try {
      root = TREE.readTree(doc);
    } catch (JsonProcessingException e) {
      return malformed("invalid JSON: " + Objects.toString(e.getOriginalMessage(), "unreadable"));
    } catch (IOException e) {
      return malformed("invalid JSON: " + e);
    }
    if (root == null || root.isMissingNode()) {
      return malformed("no complete JSON value");
    }
    return new JacksonDocument(root, null, hasRepeatedKey(doc));
  }

  boolean valid() {
    return root != null;
  }

  private static JacksonDocument malformed(String reason) {
    return new JacksonDocument(null, reason, false);
  }

  /** Why {@code doc} is not UTF-8 JSON text before any parsing, or null. */
  private static String notUtf8Json(byte[] doc) {
    for (byte b : doc) {
      if (b == 0) {
        return "a NUL byte (not UTF-8 JSON text)";
      }
    }
    if (doc.length > 0 && ((doc[0] & 0xFF) == 0xFE || (doc[0] & 0xFF) == 0xFF)) {
      return "a UTF-16 byte order mark (not UTF-8 JSON text)";
    }
    if (doc.length >= 3
        && (doc[0] & 0xFF) == 0xEF
        && (doc[1] & 0xFF) == 0xBB
        && (doc[2] & 0xFF) == 0xBF) {
      return "a byte order mark (RFC 8259 section 8.1)";
    }
    return null;
  }

  /** For a document read without error: whether only a repeated key makes a strict read fail. */
  private static boolean hasRepeatedKey(byte[] doc) {
    try {
      NO_REPEATS.readTree(doc);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
