package dev.streamstorm.cluster;

import dev.streamstorm.metrics.MessageLog;
import dev.streamstorm.metrics.MessageOutcome;
import io.vertx.core.json.JsonArray;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An agent's per-message log when the coordinator writes per-message outputs (CSV): every finished
 * message is encoded on its event loop (instants as offsets from the run start) and queued; the
 * queue is drained into each interval message, so rows travel in batches, once a second.
 */
final class MessageForwarder implements MessageLog {
  private final ConcurrentLinkedQueue<JsonArray> queue = new ConcurrentLinkedQueue<>();

  @Override
  public void onMessage(MessageOutcome outcome, long runStartNs) {
    queue.add(OutcomeCodec.encode(outcome, runStartNs));
  }

  /** Everything queued so far, oldest first. */
  JsonArray drain() {
    JsonArray batch = new JsonArray();
    for (JsonArray m = queue.poll(); m != null; m = queue.poll()) {
      batch.add(m);
    }
    return batch;
  }
}
