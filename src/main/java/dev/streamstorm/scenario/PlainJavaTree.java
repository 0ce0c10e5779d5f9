package dev.streamstorm.scenario;

import dev.streamstorm.scenario.Node.Entry;
import dev.streamstorm.scenario.Node.ListNode;
import dev.streamstorm.scenario.Node.MapNode;
import dev.streamstorm.scenario.Node.ScalarNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a subtree into plain Java values (maps, lists, strings, numbers, booleans, nulls). */
final class PlainJavaTree {

  private PlainJavaTree() {}

  static Map<String, Object> map(MapNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Entry e : node.entries().values()) {
      out.put(e.key(), value(e.value()));
    }
    return Collections.unmodifiableMap(out);
  }

  static Object value(Node node) {
    if (node instanceof MapNode m) {
      return map(m);
    }
    if (node instanceof ListNode l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(value(i)));
      return Collections.unmodifiableList(out);
    }
    ScalarNode s = (ScalarNode) node;
    return switch (s.type()) {
      case STRING -> s.text();
      case INTEGER -> {
        BigInteger big = new BigInteger(s.number().toString());
        yield big.bitLength() < 64 ? (Object) big.longValue() : big;
      }
      case DECIMAL -> s.number().doubleValue();
      case BOOLEAN -> s.truth();
      case NULL -> null;
    };
  }
}
