package dev.streamstorm.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteAccumulatorTest {

  @Test
  void aUsualLineKeepsItsArrayFromEventToEvent() {
    ByteAccumulator a = new ByteAccumulator();
    a.append(new byte[300], 0, 300);
    byte[] grown = a.array();
    a.clear();
    assertEquals(0, a.length());
    assertSame(grown, a.array());
    a.append((byte) 'x');
    assertSame(grown, a.array());
  }

  @Test
  void aHugeEventsArrayIsLetGoOnClearEvenAfterSet() {
    ByteAccumulator a = new ByteAccumulator();
    byte[] huge = new byte[ByteAccumulator.MAX_RETAINED_BYTES + 1];
    Arrays.fill(huge, (byte) 'a');
    a.append(huge, 0, huge.length);
    assertTrue(a.array().length > ByteAccumulator.MAX_RETAINED_BYTES);
    // set() empties it before copying: the oversized array must still go on the next clear.
    a.set(huge, 0, 3);
    a.clear();
    assertTrue(a.array().length <= ByteAccumulator.MAX_RETAINED_BYTES, "" + a.array().length);
    a.append(huge, 0, 3);
    assertArrayEquals("aaa".getBytes(), Arrays.copyOf(a.array(), a.length()));
  }
}
