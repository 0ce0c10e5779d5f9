package dev.streamstorm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.report.ResultsFixture;
import dev.streamstorm.report.ResultsJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/** {@code report results.json --junit junit.xml}: the JUnit report of a saved run. */
class ReportJunitTest {
  @TempDir Path dir;

  @Test
  void aSavedRunRendersItsThresholdsAsJunit() throws Exception {
    Path results = dir.resolve("results.json");
    ResultsJson.write(
        new ResultsFixture()
            .threshold("ttft", "p95 < 2s", 2500, false)
            .threshold("errors", "rate < 1%", 0, true)
            .build(),
        results);
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    Path junit = dir.resolve("junit.xml");

    assertThat(cl.execute("report", results.toString(), "--junit", junit.toString(), "--quiet"))
        .isZero();
    assertThat(err.toString()).contains("JUnit report written to " + junit);
    Element root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(junit.toFile())
            .getDocumentElement();
    assertThat(root.getAttribute("tests")).isEqualTo("2");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(((Element) root.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .isEqualTo("ttft p95 < 2s: measured 2,500 ms");
  }

  @Test
  void reportAndCompareRefuseABadFileAlikeWithExitCode2() throws Exception {
    Path future = dir.resolve("future.json");
    java.nio.file.Files.writeString(future, "{\"schema\": 2}");
    Path notJson = dir.resolve("notes.json");
    java.nio.file.Files.writeString(notJson, "not json");
    for (Path bad : List.of(future, notJson, dir.resolve("missing.json"))) {
      StringWriter reportErr = new StringWriter();
      CommandLine report = Main.commandLine();
      report.setOut(new PrintWriter(new StringWriter()));
      report.setErr(new PrintWriter(reportErr));
      StringWriter compareErr = new StringWriter();
      CommandLine compare = Main.commandLine();
      compare.setOut(new PrintWriter(new StringWriter()));
      compare.setErr(new PrintWriter(compareErr));
      assertThat(report.execute("report", bad.toString())).as(bad.toString()).isEqualTo(2);
      assertThat(compare.execute("compare", bad.toString(), bad.toString())).isEqualTo(2);
      assertThat(reportErr.toString())
          .isEqualTo(compareErr.toString())
          .startsWith("error: cannot read");
    }
  }
}
