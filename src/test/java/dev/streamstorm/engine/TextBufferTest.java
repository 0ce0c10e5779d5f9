package dev.streamstorm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextBufferTest {

  @Test
  void appendsPiecesAsTheyCameAndReadsAsACharSequence() {
    TextBuffer t = new TextBuffer();
    t.append("xHéllo".toCharArray(), 1, 5);
    t.append(", wörld 🌍".toCharArray(), 0, 10);
    assertEquals("Héllo, wörld 🌍", t.toString());
    assertEquals(15, t.length());
    assertEquals('é', t.charAt(1));
    assertEquals("wörld", t.subSequence(7, 12).toString());
    assertEquals("Héllo, wörld 🌍", new StringBuilder().append(t).toString());
  }

  @Test
  void growsPastItsFirstArrayAndClearsForTheNextMessage() {
    TextBuffer t = new TextBuffer();
    char[] token = "token ".toCharArray();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      t.append(token, 0, token.length);
      expected.append(token);
    }
    assertEquals(expected.toString(), t.toString());
    t.clear();
    assertEquals(0, t.length());
    assertEquals("", t.toString());
    t.append(token, 0, 5);
    assertEquals("token", t.toString());
  }

  @Test
  void oneHugeAnswerDoesNotPinItsArrayForTheLifeOfTheUser() {
    TextBuffer t = new TextBuffer();
    char[] big = new char[TextBuffer.MAX_RETAINED_CHARS + 1];
    t.append(big, 0, big.length);
    assertTrue(t.capacity() > TextBuffer.MAX_RETAINED_CHARS);
    t.clear();
    assertTrue(t.capacity() <= TextBuffer.MAX_RETAINED_CHARS, "capacity " + t.capacity());
    char[] usual = new char[1_000];
    t.append(usual, 0, usual.length);
    int grown = t.capacity();
    t.clear();
    assertEquals(grown, t.capacity(), "a usual answer's array is kept for the next message");
  }

  @Test
  void readsOutsideTheTextFailLoudly() {
    TextBuffer t = new TextBuffer();
    t.append("abc".toCharArray(), 0, 3);
    assertThrows(IndexOutOfBoundsException.class, () -> t.charAt(3));
    assertThrows(IndexOutOfBoundsException.class, () -> t.charAt(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> t.subSequence(2, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> t.subSequence(2, 1));
  }
}
