package dev.streamstorm.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing {@link JsonScanFuzzTest} found, each as a plain test, with what was wrong. A scanner
 * is per thread and keeps its buffers: the tests that depend on their size run on a new thread,
 * whose scanner starts with the smallest.
 */
class JsonScanFindingsTest {

  private static final List<ScanTarget> CONTENT =
      List.of(new ScanTarget("/content", PointerTree.Kind.TEXT, null));

  /**
   * A token longer than the scanner's text buffer (64 chars at first): decoding it grew the buffer,
   * but the text was then copied from the array the buffer had been before (Java evaluates {@code
   * keepText(target, text, decodeString(..))}'s arguments in order), so the copy ran past its end:
   * ArrayIndexOutOfBoundsException out of the scanner, through the interpreter.
   */
  @Test
  void aTokenLongerThanTheScannersBufferIsKeptWhole() throws Exception {
    String token = "x".repeat(100);
    assertThat(onNewThread(() -> textAt(CONTENT, "{\"content\":\"" + token + "\"}")))
        .isEqualTo(token);
  }

  /**
   * The same, silently: when the escapes of a token made it shorter once decoded than the old
   * buffer, the copy stayed within the old array and handed over what an earlier token had left
   * there.
   */
  @Test
  void aLongEscapedTokenAfterAShortOneIsItselfNotTheOneBefore() throws Exception {
    String escaped = "\\u0041".repeat(20); // 120 bytes written, 20 chars decoded
    List<String> texts =
        onNewThread(
            () ->
                List.of(
                    textAt(CONTENT, "{\"content\":\"" + "b".repeat(40) + "\"}"),
                    textAt(CONTENT, "{\"content\":\"" + escaped + "\"}")));
    assertThat(texts).containsExactly("b".repeat(40), "A".repeat(20));
  }

  /**
   * A number of more than 1,000 digits: Jackson refuses it (StreamReadConstraints' default
   * maxNumberLength), the scanner read it, so the two gave different verdicts on the same chunk.
   * The scanner now keeps Jackson's limit, as it keeps its nesting limit: digits of the integer,
   * fraction and exponent counted together, signs and points not.
   */
  @Test
  void aNumberOfMoreThanAThousandDigitsIsMalformedAsForJackson() {
    List<ScanTarget> number = List.of(new ScanTarget("/n", PointerTree.Kind.NUMBER, null));
    assertThat(agree(number, "{\"n\":1" + "0".repeat(999) + "}")).isTrue();
    assertThat(agree(number, "{\"n\":-1" + "0".repeat(1000) + "}")).isFalse();
    assertThat(agree(number, "{\"n\":0." + "3".repeat(999) + "}")).isTrue();
    assertThat(agree(number, "[0." + "3".repeat(1000) + "]")).isFalse();
    assertThat(agree(number, "{\"n\":1e-" + "0".repeat(998) + "1}")).isTrue();
    assertThat(agree(number, "{\"n\":1.5e+" + "0".repeat(999) + "}")).isFalse();
  }

  private static boolean agree(List<ScanTarget> targets, String doc) {
    return JsonScanFuzzTest.agreesWithJackson(targets, doc.getBytes(StandardCharsets.UTF_8));
  }

  /** The text the scanner finds for the one TEXT target of {@code targets} in {@code doc}. */
  private static String textAt(List<ScanTarget> targets, String doc) {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    JsonScan scan = new JsonScan();
    scan.enter();
    try {
      assertThat(scan.scan(ScanTarget.treeOf(targets), bytes, 0, bytes.length)).isTrue();
      return new String(scan.findings().text(0), 0, scan.findings().textLength(0));
    } finally {
      scan.exit();
    }
  }

  private static <T> T onNewThread(java.util.function.Supplier<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.set(work.get());
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    return result.get();
  }
}
