package dev.streamstorm.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One dispatched Server-Sent Event, as a reusable flyweight over its decoder's buffers: valid only
 * during {@link SseListener#onEvent}, and only on the decoder's thread. The accessors allocate
 * nothing except {@link #dataAsString()} (always) and {@link #type()}/{@link #id()} (only when the
 * name or id differs from the previous event's).
 */
public final class SseEvent {

  /** The type of an event that named none. */
  public static final String DEFAULT_TYPE = "message";

  private static final byte[] DEFAULT_TYPE_BYTES = DEFAULT_TYPE.getBytes(StandardCharsets.UTF_8);

  private final ByteAccumulator type;
  private final SseDecoder decoder;
  private final Utf8StringCache typeNames = new Utf8StringCache();
  private byte[] data;
  private int dataOffset;
  private int dataLength;
  private long retryMillis = -1;

  SseEvent(ByteAccumulator type, SseDecoder decoder) {
    this.type = type;
    this.decoder = decoder;
  }

  /** Stores the array only when it changes: see {@link SseDecoder}'s {@code inPlace}. */
  void data(byte[] bytes, int offset, int length) {
    if (this.data != bytes) {
      this.data = bytes;
    }
    this.dataOffset = offset;
    this.dataLength = length;
  }

  void retryMillis(long millis) {
    this.retryMillis = millis;
  }

  /**
   * The {@code retry} value this event's own lines set (milliseconds), or -1 when they set none.
   */
  public long retryMillis() {
    return retryMillis;
  }

  /** The event type: the last {@code event} field's value, or {@code "message"} when none. */
  public String type() {
    return type.length() == 0 ? DEFAULT_TYPE : typeNames.get(type.array(), 0, type.length());
  }

  /** Whether the event type, as UTF-8, equals {@code utf8}; allocation-free. */
  public boolean typeEquals(byte[] utf8) {
    return type.length() == 0
        ? Arrays.equals(DEFAULT_TYPE_BYTES, utf8)
        : type.contentEquals(utf8, 0, utf8.length);
  }

  /**
   * The data's UTF-8 bytes, in {@code [dataOffset(), dataOffset() + dataLength())} of the returned
   * array; the array is the decoder's buffer or the received chunk itself (do not modify or keep
   * it).
   */
  public byte[] dataBytes() {
    return data;
  }

  /** Where the data starts in {@link #dataBytes()}. */
  public int dataOffset() {
    return dataOffset;
  }

  /** Length of the data in {@link #dataBytes()}: the data lines joined with LF. */
  public int dataLength() {
    return dataLength;
  }

  /** Whether the data equals {@code bytes} exactly (e.g. the ASCII of {@code [DONE]}). */
  public boolean dataEquals(byte[] bytes) {
    return bytes.length == dataLength
        && Arrays.equals(data, dataOffset, dataOffset + dataLength, bytes, 0, dataLength);
  }

  /**
   * The data decoded as UTF-8 (malformed sequences replaced); allocates, for rare paths and tests.
   */
  public String dataAsString() {
    return new String(data, dataOffset, dataLength, StandardCharsets.UTF_8);
  }

  /** The last event ID of the stream at this event (it persists across events); "" when none. */
  public String id() {
    return decoder.lastEventId();
  }

  @Override
  public String toString() {
    return "SseEvent{type=" + type() + ", id=" + id() + ", data=" + dataAsString() + "}";
  }
}
