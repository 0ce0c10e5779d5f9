package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.streamstorm.metrics.results.RunResults;
import dev.streamstorm.report.ResultsJson;
import dev.streamstorm.report.SampleRun;
import dev.streamstorm.scenario.ScenarioLoader;
import dev.streamstorm.scenario.ScenarioOverrides;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with every report output against an in-process bench-server (a short run with
 * injected 500s), then {@code report} on its results: the outputs agree with the results document.
 */
class RunOutputsTest {
  static final String SCENARIO =
      """
      name: outputs-check
      target: embedded
      preset: openai-chat
      embeddedServer: { ttft: 15ms, itl: 2ms, tokens: 6, fault500: 0.15, seed: 7 }
      load: { vus: 4, duration: 2s, warmup: 500ms }
      seed: 11
      conversations:
        - { name: one, turns: ["hi"] }
        - { name: two, turns: ["a", "b"] }
      thinkTime: 5ms
      thresholds:
        ttft: ["p95 < 1ms"]
      """;

  @TempDir static Path dir;
  static int exitCode;
  static String stderr;
  static RunResults results;

  @BeforeAll
  static void run() throws Exception {
    Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    exitCode =
        cl.execute(
            "run",
            scenario.toString(),
            "--quiet",
            "--out",
            dir.resolve("r.json").toString(),
            "--html",
            dir.resolve("out/r.html").toString(),
            "--csv",
            dir.resolve("out/m.csv").toString(),
            "--hlog",
            dir.resolve("out/run.hlog").toString(),
            "--hlog-by-conversation");
    stderr = err.toString();
    results = ResultsJson.read(dir.resolve("r.json"));
  }

  @Test
  void aFailedThresholdExits99AfterEveryOutputIsWritten() {
    assertThat(exitCode).as(stderr).isEqualTo(ExitCodes.THRESHOLD_FAILED);
    assertThat(results.thresholds()).singleElement().satisfies(t -> assertThat(t.pass()).isFalse());
    for (String f : List.of("r.json", "out/r.html", "out/m.csv", "out/run.hlog")) {
      assertThat(dir.resolve(f)).isNotEmptyFile();
    }
    assertThat(results.messages().ok()).isPositive();
    assertThat(results.messages().failed()).isPositive();
  }

  @Test
  void csvHasOneRowPerMessageOfTheResults() throws Exception {
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(dir.resolve("out/m.csv").toFile())) {
      rows = it.readAll();
    }
    List<Map<String, String>> measured =
        rows.stream().filter(r -> r.get("warmup").equals("false")).toList();
    assertThat(measured).hasSize((int) results.messages().total());
    assertThat(measured.stream().filter(r -> r.get("status").equals("ok")))
        .hasSize((int) results.messages().ok());
    assertThat(measured.stream().filter(r -> r.get("error_class").equals("http_5xx")))
        .hasSize(results.errors().get("http_5xx").intValue());
    assertThat(measured.stream().filter(r -> r.get("conversation").equals("two")))
        .hasSize((int) results.byConversation().get("two").messages().total());
    assertThat(stderr).contains("message rows written to").doesNotContain("dropped");
  }

  @Test
  void hlogCountsMatchTheResults() throws Exception {
    Map<String, Histogram> byTag = new HashMap<>();
    try (HistogramLogReader reader = new HistogramLogReader(dir.resolve("out/run.hlog").toFile())) {
      EncodableHistogram e;
      while ((e = reader.nextIntervalHistogram()) != null) {
        byTag.computeIfAbsent(e.getTag(), t -> new Histogram(3)).add((Histogram) e);
      }
    }
    // Messages of the warm-up are recorded nowhere: the log and the results count the same.
    for (String metric : List.of("ttft", "e2e", "itl", "tpot")) {
      assertThat(byTag.get(metric).getTotalCount())
          .as(metric)
          .isEqualTo(results.metrics().get(metric).count());
      assertThat(
              byTag.get(metric + ".one").getTotalCount()
                  + byTag.get(metric + ".two").getTotalCount())
          .isEqualTo(results.metrics().get(metric).count());
    }
    assertThat(byTag.get("ttft.two").getTotalCount())
        .isEqualTo(results.byConversation().get("two").metrics().get("ttft").count());
  }

  @Test
  void reportRebuildsTheSameHtmlFromTheResults() throws Exception {
    var cl = Main.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    Path again = dir.resolve("again.html");
    int code = cl.execute("report", dir.resolve("r.json").toString(), "--html", again.toString());
    assertThat(code).isZero();
    assertThat(Files.readString(again)).isEqualTo(Files.readString(dir.resolve("out/r.html")));
    assertThat(out.toString()).contains("outputs-check").contains("ttft");
  }

  @Test
  void reportRefusesWhatIsNotAResultsDocument() throws Exception {
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("report", dir.resolve("missing.json").toString()))
        .isEqualTo(ExitCodes.USAGE);
    Path notJson = Files.writeString(dir.resolve("x.json"), "{ nope");
    assertThat(cl.execute("report", notJson.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("no such file").contains("not a results document");
  }

  @Test
  void oneFailingOutputDoesNotStopTheOthers() throws Exception {
    Path blocked = dir.resolve("blocked/report.html");
    ReportOptions options = new ReportOptions();
    options.html = blocked;
    options.csv = dir.resolve("still.csv");
    var scenario =
        new ScenarioLoader(System::getenv).load(dir.resolve("s.yaml"), ScenarioOverrides.none());
    SampleRun sample = SampleRun.run(s -> {});
    RunOutputs outputs = RunOutputs.open(options, null, scenario);
    // Writable when the run started; a folder took its place during the run.
    Files.createDirectories(blocked);
    Files.writeString(blocked.resolve("keep"), "a directory where the report should go");
    sample.outcomes().forEach(o -> outputs.messageLog().onMessage(o, SampleRun.START_NS));
    StringWriter err = new StringWriter();
    assertThatThrownBy(() -> outputs.write(sample.results(), null, new PrintWriter(err)))
        .isInstanceOf(IOException.class);
    outputs.close();
    assertThat(Files.readAllLines(options.csv)).hasSize(1 + sample.outcomes().size());
    assertThat(err.toString()).contains("message rows written to");
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeTheRun() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    long started = System.nanoTime();
    assertThat(
            cl.execute(
                "run",
                "--target",
                "embedded",
                "--duration",
                "30s",
                "--out",
                file.resolve("results.json").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("cannot write", "a file is in the way of the folder");
    // Refused at once, not after the 30-second run.
    assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L);
  }

  @Test
  void hlogByConversationNeedsHlog() {
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("run", "--target", "embedded", "--hlog-by-conversation"))
        .isEqualTo(ExitCodes.USAGE);
  }
}
