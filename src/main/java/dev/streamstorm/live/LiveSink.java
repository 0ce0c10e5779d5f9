package dev.streamstorm.live;

/** A live output: told about every frame, on the live thread. Must not block for long. */
public interface LiveSink {
  void onFrame(LiveFrame frame);
}
