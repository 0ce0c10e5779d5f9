package dev.streamstorm.protocol.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamstorm.protocol.stream.StreamInterpreter.EventClass;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link StreamInterpreter} should report for one WebSocket text frame that is valid JSON,
 * by a spec's rules read straight off its model and Jackson's tree: the calls a {@link
 * RecordingSink} writes down, and the frame's class.
 *
 * <p>For specs that read a number from the JSON (so every frame is parsed) and decide nothing by
 * raw data, as the WebSocket presets: then no rule is decided before parsing, and every rule sees
 * the JSON.
 */
final class FrameRulesReference {

  private static final int MAX_ERROR_MESSAGE_BYTES = 200;

  private final StreamSpec spec;

  FrameRulesReference(StreamSpec spec) {
    if (spec.tokenCount().isEmpty() || !(spec.tokenCount().get().at() instanceof Location.Json)) {
      throw new IllegalArgumentException("a spec that reads its token count from the JSON");
    }
    this.spec = spec;
  }

  /**
   * The calls, in order, and the class of a frame whose bytes {@code data} read as {@code root}.
   */
  Outcome interpret(JsonNode root, byte[] data) {
    List<String> calls = new ArrayList<>();
    EventClass cls = EventClass.IGNORED;
    Optional<String> reasoning = spec.reasoning().flatMap(c -> token(c, root));
    if (reasoning.isPresent()) {
      calls.add("reasoning:" + reasoning.get());
      cls = EventClass.REASONING;
    }
    Optional<String> answer = token(spec.answer(), root);
    if (answer.isPresent()) {
      calls.add("token:" + answer.get());
      cls = EventClass.TOKEN;
    }
    if (spec.toolCall().isPresent()) {
      if (holds(spec.toolCall().get().start(), root)) {
        calls.add("tool");
        cls = stronger(cls, EventClass.TOOL);
      } else if (spec.toolCall().get().when().map(m -> holds(m, root)).orElse(false)) {
        cls = stronger(cls, EventClass.TOOL);
      }
    }
    int before = calls.size();
    count("count", spec.tokenCount(), root, calls);
    count("reasoningCount", spec.reasoningCount(), root, calls);
    count("inputCount", spec.inputCount(), root, calls);
    int slot = 0;
    for (Map.Entry<String, UsageRule> usage : spec.usage().entrySet()) {
      JsonNode at = json(usage.getValue().at()).map(root::at).orElse(null);
      if (at != null && at.isNumber()) {
        calls.add("usage" + slot + "=" + at.doubleValue());
      }
      slot++;
    }
    if (calls.size() > before) {
      cls = stronger(cls, EventClass.USAGE);
    }
    if (spec.error().map(m -> holds(m, root)).orElse(false)) {
      calls.add("error:" + describe(data));
      return new Outcome(calls, EventClass.ERROR);
    }
    if (spec.done().map(m -> holds(m, root)).orElse(false)) {
      calls.add("done");
      return new Outcome(calls, EventClass.DONE);
    }
    return new Outcome(calls, cls);
  }

  record Outcome(List<String> calls, EventClass cls) {}

  /**
   * The channel's token: the first of its pointers at a non-empty string, when its filter holds.
   */
  private static Optional<String> token(Channel channel, JsonNode root) {
    if (channel.when().isPresent() && !holds(channel.when().get(), root)) {
      return Optional.empty();
    }
    TokenSource.Pointers pointers = (TokenSource.Pointers) channel.token();
    for (String pointer : pointers.pointers()) {
      JsonNode at = root.at(pointer);
      if (at.isTextual() && !at.textValue().isEmpty()) {
        return Optional.of(at.textValue());
      }
    }
    return Optional.empty();
  }

  private static void count(
      String name, Optional<UsageRule> rule, JsonNode root, List<String> calls) {
    JsonNode at = rule.flatMap(r -> json(r.at())).map(root::at).orElse(null);
    if (at != null && at.isNumber()) {
      long value =
          at.isIntegralNumber() && at.canConvertToLong() ? at.longValue() : (long) at.doubleValue();
      calls.add(name + ":" + (long) (double) value);
    }
  }

  private static Optional<String> json(Location at) {
    return at instanceof Location.Json j ? Optional.of(j.pointer()) : Optional.empty();
  }

  private static boolean holds(Match match, JsonNode root) {
    if (match instanceof Match.Event) {
      return false; // a WebSocket frame has no event name
    }
    if (match instanceof Match.Json j) {
      JsonNode at = root.at(j.pointer());
      if (j.equals().isEmpty()) {
        return !at.isMissingNode() && !at.isNull();
      }
      Match.Expected e = j.equals().get();
      if (e instanceof Match.Text t) {
        return at.isTextual() && at.textValue().equals(t.value().render(null));
      }
      if (e instanceof Match.Number n) {
        return at.isNumber() && at.doubleValue() == n.value().doubleValue();
      }
      if (e instanceof Match.Bool b) {
        return at.isBoolean() && at.booleanValue() == b.value();
      }
      return at.isNull();
    }
    if (match instanceof Match.AnyOf any) {
      return any.matches().stream().anyMatch(m -> holds(m, root));
    }
    if (match instanceof Match.AllOf all) {
      return all.matches().stream().allMatch(m -> holds(m, root));
    }
    if (match instanceof Match.Not not) {
      return !holds(not.match(), root);
    }
    throw new IllegalArgumentException("a rule on raw data: not this reference's: " + match);
  }

  private static EventClass stronger(EventClass a, EventClass b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  private static String describe(byte[] data) {
    int shown = Math.min(data.length, MAX_ERROR_MESSAGE_BYTES);
    String text = new String(Arrays.copyOf(data, shown), StandardCharsets.UTF_8);
    return shown < data.length ? text + "..." : text;
  }
}
