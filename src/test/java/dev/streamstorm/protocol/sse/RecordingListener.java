package dev.streamstorm.protocol.sse;

import java.util.ArrayList;
import java.util.List;

/** Copies every event out of the flyweight, for assertions. */
final class RecordingListener implements SseListener {

  record Event(String type, String data, String id) {}

  final List<Event> events = new ArrayList<>();

  @Override
  public void onEvent(SseEvent event) {
    events.add(new Event(event.type(), event.dataAsString(), event.id()));
  }

  static Event message(String data) {
    return new Event("message", data, "");
  }
}
