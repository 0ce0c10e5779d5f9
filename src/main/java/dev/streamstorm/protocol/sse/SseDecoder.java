package dev.streamstorm.protocol.sse;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a {@code text/event-stream} body into events by the WHATWG rules for event stream
 * interpretation, from bytes split anywhere: mid-line, between CR and LF, inside a UTF-8 character
 * or the byte order mark. Pure (no I/O) and allocation-free per event once its buffers have grown
 * to the stream's largest line and event.
 *
 * <p>Every chunk is read as a byte array: a heap buffer's own, or, for a direct buffer (what a
 * socket delivers), the event loop's {@link ChunkCopy} it is copied into once. An event whose one
 * data line and the blank line after it arrive in the same chunk (a server flushing per token) is
 * handed over in place, pointing into that array: its data is not copied again. Otherwise data
 * lines are gathered in the decoder's own buffer.
 *
 * <p>Works on bytes, not decoded characters: every byte the rules look at (CR, LF, colon, space) is
 * ASCII, which never occurs inside a multi-byte UTF-8 sequence, so the result is the same as
 * decoding first. Data is handed over as the raw bytes the server sent.
 *
 * <p>One decoder per stream at a time, confined to the thread that feeds it (an event loop); not
 * thread-safe. After {@link #end()} it accepts the next stream of the same source (a reconnection):
 * the last event ID and the retry value persist, as they do for an EventSource; after {@link
 * #reset()}, an unrelated stream.
 */
public final class SseDecoder {

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final byte[] RETRY = ascii("retry");
  private static final int PAST_STREAM_START = -1;

  /** Told about the events of the stream being decoded; set per stream by {@link #reset}. */
  private SseListener listener;

  private final ChunkCopy chunkCopy;

  /** The longest line or event the decoder holds; past it the stream is refused. */
  private int maxEventBytes;

  /** The stream went past {@link #maxEventBytes}: nothing more is read until reset or end. */
  private boolean overflowed;

  private final ByteAccumulator line = new ByteAccumulator();
  private final ByteAccumulator data = new ByteAccumulator();
  private final ByteAccumulator type = new ByteAccumulator();
  private final ByteAccumulator idBuffer = new ByteAccumulator();
  private final ByteAccumulator lastEventId = new ByteAccumulator();
  private final Utf8StringCache lastEventIdStrings = new Utf8StringCache();
  private final SseEvent event;

  /** Bytes of a leading byte order mark matched so far, or PAST_STREAM_START. */
  private int bomBytesMatched;

  /** The previous chunk ended with CR: an LF at the start of the next one completes a CRLF. */
  private boolean skipLeadingLf;

  private long retryMillis = -1;

  /** The retry value set by the event being gathered, or -1: a trace shows it with its event. */
  private long eventRetryMillis = -1;

  private long eventsDispatched;

  /**
   * Whether the event's only data line so far is still in the chunk being fed ({@link #inPlace}):
   * dispatched from there if the event ends in this chunk, copied into {@link #data} when the feed
   * ends first.
   */
  private boolean holdsInPlace;

  /**
   * The chunk array of the data line held in place. Kept between events and set only when another
   * array comes (a direct chunk is always the loop's one {@link ChunkCopy} array): under G1 every
   * reference stored into a long-lived object dirties a card the collector's refinement threads
   * then scan, and a store and a null per event was a card per stream per event
   * (docs/performance.md, "Reference stores on the per-event path").
   */
  private byte[] inPlace;

  private int inPlaceOffset;
  private int inPlaceLength;

  public SseDecoder(SseListener listener) {
    this(listener, Integer.MAX_VALUE, new ChunkCopy());
  }

  /**
   * @param maxEventBytes the longest line, or data gathered for one event, the decoder holds: a
   *     server that sends more without a line end (or without a blank line) is refused with {@link
   *     SseListener#onTooLarge}, and memory stays bounded
   * @param chunkCopy where direct chunks are copied: the event loop's, shared with every stream on
   *     it
   */
  public SseDecoder(SseListener listener, int maxEventBytes, ChunkCopy chunkCopy) {
    this.listener = listener;
    this.maxEventBytes = maxEventBytes;
    this.chunkCopy = chunkCopy;
    this.event = new SseEvent(type, this);
  }

  /**
   * Decodes the readable bytes of {@code buf}; its indexes are left as they are. A heap buffer is
   * read in place; a direct one (what sockets deliver) is copied once into the loop's {@link
   * ChunkCopy} first, so that every chunk takes the one array path below.
   */
  public void feed(ByteBuf buf) {
    int length = buf.readableBytes();
    if (length == 0 || overflowed) {
      return;
    }
    if (buf.hasArray()) {
      feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
    } else {
      feed(chunkCopy.copy(buf), 0, length);
    }
  }

  /** Decodes {@code length} bytes of {@code bytes} from {@code offset}; the array is not kept. */
  public void feed(byte[] bytes, int offset, int length) {
    if (overflowed) {
      return;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && bomBytesMatched != PAST_STREAM_START) {
      i += consumeBomByte(bytes[i]) ? 1 : 0;
    }
    if (i < end && skipLeadingLf) {
      skipLeadingLf = false;
      i += bytes[i] == LF ? 1 : 0;
    }
    try {
      while (i < end) {
        int eol = indexOfLineEnd(bytes, i, end);
        if (eol < 0) {
          if (fits(end - i)) {
            line.append(bytes, i, end - i);
          }
          return;
        }
        if (!fits(eol - i)) {
          return;
        }
        if (line.length() == 0) {
          processLine(bytes, i, eol - i, true);
        } else {
          line.append(bytes, i, eol - i);
          completeBufferedLine();
        }
        if (overflowed) {
          return;
        }
        i = afterLineEnd(bytes[eol] == CR, eol, end, eol + 1 < end && bytes[eol + 1] == LF);
      }
    } finally {
      keepInPlaceData();
    }
  }

  /**
   * End of the stream: an event not yet terminated by a blank line is discarded, as the rules
   * require. The decoder is then ready for the next stream of the same source.
   */
  public void end() {
    overflowed = false;
    holdsInPlace = false;
    inPlace = null;
    event.data(null, 0, 0);
    eventRetryMillis = -1;
    line.clear();
    data.clear();
    type.clear();
    idBuffer.set(lastEventId.array(), 0, lastEventId.length());
    bomBytesMatched = 0;
    skipLeadingLf = false;
  }

  /**
   * Starts an unrelated stream (the next message of the same client): everything is forgotten, the
   * last event ID and the retry value included, as with a new decoder, but the buffers are kept, so
   * a client decoding message after message allocates nothing per message.
   */
  public void reset() {
    end();
    idBuffer.clear();
    lastEventId.clear();
    retryMillis = -1;
  }

  /**
   * {@link #reset()} for a stream of another listener: its events go to {@code listener} and may be
   * up to {@code maxEventBytes} long. A client decoding one message after another lends its decoder
   * to each message's exchange this way (its buffers stay grown).
   */
  public void reset(int maxEventBytes, SseListener listener) {
    reset();
    this.maxEventBytes = maxEventBytes;
    this.listener = listener;
  }

  /**
   * The last event ID set by a dispatched event, for a reconnection's Last-Event-ID; "" if none.
   */
  public String lastEventId() {
    return lastEventIdStrings.get(lastEventId.array(), 0, lastEventId.length());
  }

  /** The last valid {@code retry} value in milliseconds, or -1 when the server sent none. */
  public long retryMillis() {
    return retryMillis;
  }

  /** Events handed to the listener so far, across all streams fed to this decoder. */
  public long eventsDispatched() {
    return eventsDispatched;
  }

  /** Returns whether the byte belonged to a leading byte order mark (and was consumed). */
  private boolean consumeBomByte(byte b) {
    if (b == BOM[bomBytesMatched]) {
      bomBytesMatched++;
      if (bomBytesMatched == BOM.length) {
        bomBytesMatched = PAST_STREAM_START;
      }
      return true;
    }
    // Not a BOM after all: the bytes held back so far start the first line.
    line.append(BOM, 0, bomBytesMatched);
    bomBytesMatched = PAST_STREAM_START;
    return false;
  }

  /** Index after the line end at {@code eol}: a CRLF pair counts once, even split across chunks. */
  private int afterLineEnd(boolean isCr, int eol, int end, boolean lfFollows) {
    if (!isCr) {
      return eol + 1;
    }
    if (eol + 1 == end) {
      skipLeadingLf = true;
      return end;
    }
    return lfFollows ? eol + 2 : eol + 1;
  }

  private static int indexOfLineEnd(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    return -1;
  }

  private void completeBufferedLine() {
    processLine(line.array(), 0, line.length(), false);
    line.clear();
  }

  /**
   * @param fromChunk whether {@code bytes} is the chunk being fed, which stays as it is until the
   *     feed returns (not the decoder's line buffer)
   */
  private void processLine(byte[] bytes, int offset, int length, boolean fromChunk) {
    if (length == 0) {
      dispatch();
      return;
    }
    if (bytes[offset] == COLON) {
      listener.onComment(bytes, offset + 1, length - 1);
      return;
    }
    int end = offset + length;
    int nameEnd = end;
    int valueStart = end;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == COLON) {
        nameEnd = i;
        valueStart = i + 1 < end && bytes[i + 1] == SPACE ? i + 2 : i + 1;
        break;
      }
    }
    processField(bytes, offset, nameEnd - offset, valueStart, end - valueStart, fromChunk);
  }

  private void processField(
      byte[] bytes, int name, int nameLength, int value, int valueLength, boolean fromChunk) {
    if (is(DATA, bytes, name, nameLength)) {
      if (fromChunk && !holdsInPlace && data.length() == 0) {
        holdsInPlace = true;
        if (inPlace != bytes) {
          inPlace = bytes;
        }
        inPlaceOffset = value;
        inPlaceLength = valueLength;
        return;
      }
      keepInPlaceData();
      if (!fits(valueLength + 1)) {
        return;
      }
      data.append(bytes, value, valueLength);
      data.append(LF);
    } else if (is(EVENT, bytes, name, nameLength)) {
      type.set(bytes, value, valueLength);
    } else if (is(ID, bytes, name, nameLength)) {
      if (!containsNul(bytes, value, valueLength)) {
        idBuffer.set(bytes, value, valueLength);
      }
    } else if (is(RETRY, bytes, name, nameLength)) {
      processRetry(bytes, value, valueLength);
    }
  }

  private void processRetry(byte[] bytes, int value, int valueLength) {
    if (valueLength == 0) {
      return;
    }
    long millis = 0;
    for (int i = value; i < value + valueLength; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return;
      }
      millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
    }
    retryMillis = millis;
    eventRetryMillis = millis;
  }

  /**
   * Whether {@code more} bytes still fit within the event limit beside what is held (the line so
   * far, and the data gathered for the event); when not, the stream is refused: its buffers are let
   * go and the listener told, once.
   */
  private boolean fits(int more) {
    long held = (long) line.length() + data.length() + (holdsInPlace ? inPlaceLength : 0);
    if (held + more <= maxEventBytes) {
      return true;
    }
    overflowed = true;
    holdsInPlace = false;
    line.clear();
    data.clear();
    type.clear();
    listener.onTooLarge(maxEventBytes);
    return false;
  }

  /** Copies a data line held in place into the data buffer: the chunk it is in is done with. */
  private void keepInPlaceData() {
    if (holdsInPlace) {
      data.append(inPlace, inPlaceOffset, inPlaceLength);
      data.append(LF);
      holdsInPlace = false;
    }
  }

  private void dispatch() {
    if (!lastEventId.contentEquals(idBuffer.array(), 0, idBuffer.length())) {
      lastEventId.set(idBuffer.array(), 0, idBuffer.length());
    }
    if (holdsInPlace) {
      event.data(inPlace, inPlaceOffset, inPlaceLength);
    } else if (data.length() == 0) {
      type.clear();
      eventRetryMillis = -1;
      return;
    } else {
      event.data(data.array(), 0, data.length() - 1);
    }
    eventsDispatched++;
    event.retryMillis(eventRetryMillis);
    try {
      listener.onEvent(event);
    } finally {
      holdsInPlace = false;
      event.data(event.dataBytes(), 0, 0);
      data.clear();
      type.clear();
      eventRetryMillis = -1;
    }
  }

  private static boolean is(byte[] field, byte[] bytes, int offset, int length) {
    if (length != field.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[offset + i] != field[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsNul(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
