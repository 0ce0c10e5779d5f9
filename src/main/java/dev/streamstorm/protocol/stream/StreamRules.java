package dev.streamstorm.protocol.stream;

import static dev.streamstorm.protocol.stream.StreamInterpreter.INPUT_COUNT;
import static dev.streamstorm.protocol.stream.StreamInterpreter.REASONING_COUNT;
import static dev.streamstorm.protocol.stream.StreamInterpreter.TOKEN_COUNT;
import static dev.streamstorm.protocol.stream.StreamInterpreter.USAGE_BASE;

import dev.streamstorm.protocol.sse.SseEvent;
import dev.streamstorm.scenario.Channel;
import dev.streamstorm.scenario.Location;
import dev.streamstorm.scenario.Match;
import dev.streamstorm.scenario.StreamSpec;
import dev.streamstorm.scenario.Template;
import dev.streamstorm.scenario.TokenSource;
import dev.streamstorm.scenario.UsageRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StreamSpec} compiled for {@link StreamInterpreter}: each channel's pointers and filter,
 * the tool-call, done and error rules, where every number is read (a JSON pointer or a response
 * header) and how it aggregates, all in one {@link PointerTree} so an event's JSON is read in one
 * pass. Immutable once built: every event loop's interpreter reads the same rules with a scanner of
 * its own.
 */
final class StreamRules {

  final ChannelRule answer;
  final ChannelRule reasoning;
  final CompiledRule toolStart;
  final CompiledRule toolWhen;
  final CompiledRule done;
  final CompiledRule error;
  final PointerTree tree;
  final int[] usageTargets;
  final String[] usageHeaders;
  final UsageRule.Aggregate[] aggregates;
  final String[] usageNames;
  final UsageRule.Unit[] usageUnits;
  final Template[] perMessage;
  final boolean alwaysParse;
  final boolean rawTolerant;
  final boolean requiresEventStream;
  final int maxEventBytes;

  /** A text channel: where its token is, and which events may carry it. */
  record ChannelRule(int[] targets, boolean raw, CompiledRule when) {

    /** Whether the event may carry this channel's token, before parsing. */
    byte mayCarry(SseEvent event, byte[] data, int offset, int length) {
      return when == null ? CompiledRule.TRUE : when.decide(event, data, offset, length);
    }
  }

  StreamRules(StreamSpec spec) {
    PointerTree t = new PointerTree();
    List<Template> templates = new ArrayList<>();
    answer = channel(spec.answer(), t, "token", templates);
    reasoning = spec.reasoning().map(c -> channel(c, t, "reasoning", templates)).orElse(null);
    toolStart =
        spec.toolCall()
            .map(c -> CompiledRule.compile(c.start(), t, "toolCall.start", templates))
            .orElse(null);
    toolWhen = compile(spec.toolCall().flatMap(c -> c.when()), t, "toolCall.when", templates);
    done = compile(spec.done(), t, "done", templates);
    error = compile(spec.error(), t, "error", templates);
    Map<String, UsageRule> usage = spec.usage();
    int slots = USAGE_BASE + usage.size();
    usageTargets = new int[slots];
    usageHeaders = new String[slots];
    aggregates = new UsageRule.Aggregate[slots];
    usageNames = usage.keySet().toArray(new String[0]);
    usageUnits = new UsageRule.Unit[usageNames.length];
    java.util.Arrays.fill(aggregates, UsageRule.Aggregate.LAST);
    java.util.Arrays.fill(usageTargets, -1);
    boolean numbers = false;
    numbers |= slot(TOKEN_COUNT, spec.tokenCount(), t, true, "tokenCount");
    numbers |= slot(REASONING_COUNT, spec.reasoningCount(), t, true, "reasoningCount");
    numbers |= slot(INPUT_COUNT, spec.inputCount(), t, true, "inputCount");
    for (int i = 0; i < usageNames.length; i++) {
      UsageRule rule = usage.get(usageNames[i]);
      usageUnits[i] = rule.unit();
      numbers |= slot(USAGE_BASE + i, Optional.of(rule), t, false, "usage." + usageNames[i]);
    }
    alwaysParse = numbers;
    rawTolerant = answer.raw() || (reasoning != null && reasoning.raw());
    tree = t.targetCount() > 0 ? t : null;
    perMessage = templates.toArray(new Template[0]);
    requiresEventStream = spec.requireEventStream();
    maxEventBytes = spec.maxEventBytes();
  }

  private static ChannelRule channel(
      Channel c, PointerTree tree, String role, List<Template> templates) {
    CompiledRule when = compile(c.when(), tree, role + ".when", templates);
    if (c.token() instanceof TokenSource.Pointers p) {
      int[] targets = new int[p.pointers().size()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = tree.text(p.pointers().get(i), role);
      }
      return new ChannelRule(targets, false, when);
    }
    return new ChannelRule(new int[0], true, when);
  }

  private static CompiledRule compile(
      Optional<Match> match, PointerTree tree, String role, List<Template> templates) {
    return match.map(m -> CompiledRule.compile(m, tree, role, templates)).orElse(null);
  }

  /** Registers a number's location; true when it is read from the JSON. */
  private boolean slot(
      int slot, Optional<UsageRule> rule, PointerTree tree, boolean count, String role) {
    if (rule.isEmpty()) {
      return false;
    }
    aggregates[slot] = rule.get().aggregate();
    if (rule.get().at() instanceof Location.Header h) {
      usageHeaders[slot] = h.name();
      return false;
    }
    String pointer = ((Location.Json) rule.get().at()).pointer();
    usageTargets[slot] = count ? tree.count(pointer, role) : tree.number(pointer, role);
    return true;
  }
}
