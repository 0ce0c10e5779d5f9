package dev.streamstorm.protocol.stream;

import java.util.List;

/**
 * One target of a {@link PointerTree}, with the pointer it was built from (the tree keeps only its
 * parsed form), so that a reference can look the same pointer up in its own way.
 *
 * @param expectation for MATCH, what the value must be; null otherwise
 */
record ScanTarget(String pointer, PointerTree.Kind kind, PointerTree.Expectation expectation) {

  /** The tree of {@code targets}, target i being {@code targets.get(i)}. */
  static PointerTree treeOf(List<ScanTarget> targets) {
    PointerTree tree = new PointerTree();
    for (ScanTarget t : targets) {
      switch (t.kind()) {
        case TEXT -> tree.text(t.pointer(), "fuzz");
        case COUNT -> tree.count(t.pointer(), "fuzz");
        case NUMBER -> tree.number(t.pointer(), "fuzz");
        case MATCH -> tree.match(t.pointer(), "fuzz", t.expectation());
      }
    }
    return tree;
  }
}
