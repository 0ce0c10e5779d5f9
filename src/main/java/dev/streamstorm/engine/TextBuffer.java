package dev.streamstorm.engine;

import java.util.Arrays;

/**
 * A message's received text, kept for the tokenizer or the conversation's history: a growable char
 * array reused from message to message by one user. It replaces a {@link StringBuilder}, which on
 * every append checks whether its compact Latin-1 storage must be inflated (a visible share of the
 * event loop's time per token in the cost step's profile: docs/performance.md, "Below the floor"),
 * and which keeps the capacity of the longest answer it ever held for the life of the user.
 * Capacity beyond {@link #MAX_RETAINED_CHARS} is let go on {@link #clear()}, as the SSE decoder's
 * buffers do. Confined to the user's event loop.
 */
final class TextBuffer implements CharSequence {

  static final int MAX_RETAINED_CHARS = 64 * 1024;
  private static final int INITIAL_CHARS = 256;

  private char[] chars = new char[0];
  private int length;

  void append(char[] src, int offset, int count) {
    int needed = length + count;
    if (needed > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(needed, Math.max(INITIAL_CHARS, chars.length * 2)));
    }
    System.arraycopy(src, offset, chars, length, count);
    length = needed;
  }

  void clear() {
    length = 0;
    if (chars.length > MAX_RETAINED_CHARS) {
      chars = new char[INITIAL_CHARS];
    }
  }

  /** The array behind the text, for tests of the retained capacity. */
  int capacity() {
    return chars.length;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("index " + index + ", length " + length);
    }
    return chars[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException("start " + start + ", end " + end + ", length " + length);
    }
    return new String(chars, start, end - start);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
