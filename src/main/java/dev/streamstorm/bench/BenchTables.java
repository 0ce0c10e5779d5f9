package dev.streamstorm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console rendering of a {@link BenchReport}: a pure function of it. */
public final class BenchTables {

  private static final String NL = System.lineSeparator();

  private BenchTables() {}

  public static String render(BenchReport r) {
    StringBuilder sb = new StringBuilder();
    BenchReport.Machine m = r.machine();
    sb.append(
        String.format(
            Locale.ROOT,
            "streamstorm bench · %d cores · Java %s · generator heap max %.0f MiB, %s GC · server:"
                + " %s%n",
            m.cores(),
            m.java(),
            m.maxHeapMiB(),
            m.collector() == null ? "unknown" : m.collector(),
            m.server()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  load average %.2f before, %.2f after (other processes count: read every number"
                + " with it)%n",
            m.loadAverageStart(),
            m.loadAverageEnd()));
    if (r.cold() != null) {
      sb.append(cold(r.cold()));
    }
    for (BenchReport.CostComparison c : r.cost()) {
      sb.append(NL).append("cost: ").append(c.streamstorm().workload().describe());
      sb.append(", window ")
          .append(num(c.streamstorm().cost().seconds(), 0))
          .append(" s")
          .append(NL);
      sb.append(stepTable(List.of(c.floor(), c.streamstorm()), true));
      sb.append(
          String.format(
              Locale.ROOT,
              "  streamstorm / floor CPU per token event: %.2fx (target <= 1.2x)%n",
              c.ratio()));
      TtftError floorError = c.floor().ttftError();
      TtftError ownError = c.streamstorm().ttftError();
      if (floorError != null && ownError != null && floorError.matched() > 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  first-token error p99: streamstorm %.3f ms, floor %.3f ms (what this machine"
                    + " allows a client that only stamps the bytes)%n",
                ownError.p99Ms(),
                floorError.p99Ms()));
      }
    }
    sb.append(costMedians(r.cost()));
    if (!r.calibrate().isEmpty()) {
      sb.append(NL)
          .append("calibrate: ")
          .append(r.calibrate().get(0).workload().describe().replaceFirst("[\\d,]+ streams, ", ""))
          .append(NL);
      sb.append(stepTable(r.calibrate(), false));
      sb.append("  ").append(r.verdict().sentence()).append(NL);
      if (!r.calibrateFloor().isEmpty()) {
        sb.append(NL)
            .append("the floor client at the same steps (what this machine allows any client):")
            .append(NL);
        sb.append(stepTable(r.calibrateFloor(), false));
      }
    }
    if (!r.scale().isEmpty()) {
      sb.append(NL).append("scale:").append(NL);
      sb.append(stepTable(r.scale(), true));
      for (StepResult s : r.scale()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %s %,d streams: live heap %.1f MiB after the ramp, %.1f MiB after the window"
                    + " (%+.1f MiB)%s%n",
                s.workload().protocol().id(),
                s.workload().streams(),
                s.heapLiveStartMiB(),
                s.heapLiveEndMiB(),
                s.heapLiveEndMiB() - s.heapLiveStartMiB(),
                s.heapAfterGcMiB() == null
                    ? ""
                    : "; heap after GC each minute " + s.heapAfterGcMiB() + " MiB"));
      }
    }
    return sb.toString();
  }

  private static String cold(ColdStep c) {
    StringBuilder sb = new StringBuilder();
    sb.append(NL)
        .append(
            String.format(
                Locale.ROOT,
                "cold start: %s, all users at once, %.0f s, each client in a fresh JVM%n",
                c.workload(),
                c.seconds()));
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "run",
          "client",
          "ttft p50",
          "ttft p99",
          "ttfb p99",
          "messages",
          "failed",
          "lag p99",
          "lag max",
          "gc n",
          "gc max",
          "connect p99",
          "collector",
          "load before",
          "after"
        });
    for (ColdRun run : c.runs()) {
      ColdFigures f = run.figures();
      rows.add(
          new String[] {
            run.repetition() + "." + run.position(),
            run.client(),
            num(f.ttftP50Ms(), 1),
            num(f.ttftP99Ms(), 1),
            num(f.ttfbP99Ms(), 1),
            String.format(Locale.ROOT, "%,d", f.messages()),
            String.format(Locale.ROOT, "%,d", f.failed()),
            num(f.lagP99Ms(), 1),
            num(f.lagMaxMs(), 1),
            Long.toString(f.gcPauses()),
            num(f.gcMaxMs(), 0),
            num(f.connectP99Ms(), 1),
            f.collector() == null ? "-" : f.collector(),
            num(run.loadBefore(), 2),
            num(run.loadAfter(), 2)
          });
    }
    sb.append(table(rows));
    sb.append("  medians (ms):").append(NL);
    List<String[]> med = new ArrayList<>();
    med.add(
        new String[] {
          "client",
          "runs",
          "ttft p50",
          "ttft p99",
          "ttfb p99",
          "messages",
          "failed",
          "lag p99",
          "lag max",
          "gc max",
          "connect p99",
          "ttft p99 / floor",
          "messages / floor"
        });
    for (ColdSummary s : c.summary()) {
      med.add(
          new String[] {
            s.client(),
            Integer.toString(s.runs()),
            num(s.ttftP50Ms(), 1),
            num(s.ttftP99Ms(), 1),
            num(s.ttfbP99Ms(), 1),
            num(s.messages(), 0),
            num(s.failed(), 0),
            num(s.lagP99Ms(), 1),
            num(s.lagMaxMs(), 1),
            num(s.gcMaxMs(), 0),
            num(s.connectP99Ms(), 1),
            num(s.ttftP99Ratio(), 2) + "x",
            num(s.messagesRatio(), 3) + "x"
          });
    }
    sb.append(table(med));
    ColdSummary floor = c.summary().get(0);
    sb.append(
        String.format(
            Locale.ROOT,
            "  every ttft here is from the message's intended start, connection set-up included;"
                + " the floor's from its send, after its connection opened: p99 %s ms (median)%n",
            num(floor.ttftFromSendP99Ms(), 1)));
    for (ColdSummary s : c.summary().subList(1, c.summary().size())) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s / floor, cold ttft p99: %.2fx (target <= %.1fx)%n",
              s.client(),
              s.ttftP99Ratio(),
              ColdSummary.TARGET_RATIO));
    }
    for (String note : c.notes()) {
      sb.append("  note: ").append(note).append(NL);
    }
    return sb.toString();
  }

  /**
   * With more than one run of a protocol's cost step: its median ratio and every run's, in the
   * order they ran. One run's ratio moves by about 10% on a shared machine; the median of three is
   * the figure to compare.
   */
  private static String costMedians(List<BenchReport.CostComparison> cost) {
    Map<String, List<BenchReport.CostComparison>> byProtocol = new LinkedHashMap<>();
    for (BenchReport.CostComparison c : cost) {
      byProtocol.computeIfAbsent(c.protocol(), k -> new ArrayList<>()).add(c);
    }
    StringBuilder sb = new StringBuilder();
    byProtocol.forEach(
        (protocol, runs) -> {
          if (runs.size() > 1) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    "%n%s: streamstorm / floor CPU per token event, median of %d runs: %.2fx (%s)%n",
                    protocol,
                    runs.size(),
                    Median.of(runs, BenchReport.CostComparison::ratio),
                    String.join(
                        ", ",
                        runs.stream()
                            .map(c -> String.format(Locale.ROOT, "%.2f", c.ratio()))
                            .toList())));
          }
        });
    return sb.toString();
  }

  private static String stepTable(List<StepResult> steps, boolean clientColumns) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          clientColumns ? "client" : "streams",
          clientColumns ? "proto" : "",
          "transport",
          "streams",
          "events/s",
          "CPU %",
          "us/event",
          "user",
          "sys",
          "alloc B/ev",
          "lag p99",
          "gc max",
          "gc %",
          "jit ms",
          "err p50",
          "err p99",
          "err max",
          "matched",
          "failed",
          "heap MiB",
          "server CPU %",
          "load"
        });
    for (StepResult s : steps) {
      Cost c = s.cost();
      TtftError e = s.ttftError();
      rows.add(
          new String[] {
            clientColumns ? s.client() : String.format(Locale.ROOT, "%,d", s.workload().streams()),
            clientColumns ? s.workload().protocol().id() : "",
            s.transport(),
            String.format(Locale.ROOT, "%,d", s.workload().streams()),
            String.format(Locale.ROOT, "%,.0f", c.eventsPerSecond()),
            num(c.cpuPercent(), 1),
            num(c.cpuUsPerEvent(), 2),
            num(c.userUsPerEvent(), 2),
            num(c.systemUsPerEvent(), 2),
            num(c.allocBytesPerEvent(), 0),
            s.lag() == null ? "-" : num(s.lag().p99Ms(), 2),
            s.gc() == null ? "-" : num(s.gc().maxMs(), 0),
            s.gc() == null ? "-" : num(s.gc().pausedPercent(), 2),
            num(c.jitMs(), 0),
            e == null ? "-" : num(e.p50Ms(), 3),
            e == null ? "-" : num(e.p99Ms(), 3),
            e == null ? "-" : num(e.maxMs(), 3),
            e == null ? "-" : String.format(Locale.ROOT, "%,d", e.matched()),
            String.format(Locale.ROOT, "%,d", s.messagesFailed()),
            num(s.heapLiveEndMiB(), 0),
            num(c.serverCpuPercent(), 1),
            num(s.loadAverage(), 2)
          });
    }
    if (!clientColumns) {
      for (String[] row : rows) {
        row[1] = null;
        row[3] = null;
      }
    }
    return table(rows);
  }

  /** Columns separated by two spaces, the first left-aligned, the rest right-aligned. */
  static String table(List<String[]> rows) {
    List<List<String>> kept = new ArrayList<>();
    for (String[] r : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : r) {
        if (c != null) {
          cells.add(c);
        }
      }
      kept.add(cells);
    }
    int cols = kept.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : kept) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : kept) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < cols; i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? cell + pad : "  " + pad + cell);
      }
      sb.append(line.toString().stripTrailing()).append(NL);
    }
    return sb.toString();
  }

  static String num(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
