package dev.streamstorm.report.html;

import dev.streamstorm.metrics.results.ErrorSampleResult;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Failures by class, the attempts that a retry replaced, and sample messages. */
final class ErrorsSection {
  /** Identical samples (same class and message) and where they happened. */
  private record SampleGroup(String errorClass, String message, int count, Set<String> where) {}

  private ErrorsSection() {}

  static void render(Html h, RunResults r) {
    h.open("section", "card").element("h2", "Errors");
    long failed = r.messages().failed();
    Map<String, Long> retried = r.retriedErrors() == null ? Map.of() : r.retriedErrors();
    if (failed == 0 && retried.isEmpty()) {
      h.element("p", "ok-text", "No message failed.");
    } else {
      h.open("table", "data narrow");
      h.raw("<thead><tr><th>error class</th><th class=\"num\">failed messages</th>")
          .raw("<th class=\"num\">share of messages</th>")
          .raw("<th class=\"num\">retried attempts</th></tr></thead><tbody>");
      long total = Math.max(1, r.messages().total());
      r.errors()
          .forEach(
              (cls, n) -> {
                long again = retried.getOrDefault(cls, 0L);
                if (n > 0 || again > 0) {
                  h.open("tr").element("th", "mono", cls);
                  h.element("td", n > 0 ? "num bad" : "num", Format.count(n));
                  h.element("td", "num", Format.percent((double) n / total));
                  h.element("td", "num", Format.count(again));
                  h.close("tr");
                }
              });
      h.raw("</tbody></table>");
      h.element(
          "p",
          "hint",
          "Retried attempts failed and were then replaced by a retry; they fail no message.");
    }
    List<ErrorSampleResult> samples = r.errorSamples() == null ? List.of() : r.errorSamples();
    if (!samples.isEmpty()) {
      h.element("h3", "Sample messages");
      h.element(
          "p",
          "hint",
          "A few failures of each class as the client saw them; identical ones are shown once.");
      h.open("div", "scroll").open("table", "data samples");
      h.raw("<thead><tr><th>class</th><th class=\"num\">samples</th><th>where</th>")
          .raw("<th>message</th></tr></thead><tbody>");
      for (SampleGroup g : group(samples)) {
        h.open("tr").element("td", "mono", g.errorClass());
        h.element("td", "num", g.count() + "×");
        h.element("td", "mono", String.join(", ", g.where()));
        h.open("td").element("pre", g.message()).close("td");
        h.close("tr");
      }
      h.raw("</tbody></table></div>");
    }
    h.close("section").nl();
  }

  private static List<SampleGroup> group(List<ErrorSampleResult> samples) {
    Map<List<String>, List<ErrorSampleResult>> byText = new LinkedHashMap<>();
    samples.stream()
        .sorted(Comparator.comparing(ErrorSampleResult::errorClass))
        .forEach(
            s ->
                byText
                    .computeIfAbsent(
                        Arrays.asList(s.errorClass(), String.valueOf(s.message())),
                        k -> new ArrayList<>())
                    .add(s));
    List<SampleGroup> groups = new ArrayList<>();
    byText.forEach(
        (key, same) -> {
          Set<String> where = new TreeSet<>();
          for (ErrorSampleResult s : same) {
            where.add(
                s.conversation() == null
                    ? "-"
                    : s.conversation() + (s.turn() > 0 ? " turn " + s.turn() : ""));
          }
          groups.add(new SampleGroup(key.get(0), same.get(0).message(), same.size(), where));
        });
    return groups;
  }
}
