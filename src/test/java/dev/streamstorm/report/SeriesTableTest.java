package dev.streamstorm.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamstorm.metrics.results.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-interval table: a row per interval, or per round step for long runs; no sliver. */
class SeriesTableTest {

  private static Series.Point point(double t, long ok, double ttftP50) {
    return new Series.Point(
        t,
        t <= 2 ? Boolean.TRUE : null,
        10,
        4,
        null,
        null,
        null,
        null,
        ok,
        0,
        ok * 40,
        Map.of(),
        new double[] {ttftP50, ttftP50 * 2, ttftP50 * 3},
        null,
        0.5,
        20);
  }

  @Test
  void aShortRunShowsEveryIntervalAndItsRates() {
    List<Series.Point> points = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      points.add(point(i, i * 10L, 100 + i));
    }
    String table = SeriesTable.render(new Series(1.0, points));
    assertThat(table.lines()).hasSize(6);
    assertThat(table).contains("  1 w ", "  3  ", "30.0", "1,200.0", "103", "206");
    assertThat(table).doesNotContain("every");
  }

  @Test
  void aLongRunShowsEveryFewSecondsAndDropsTheLastSliver() {
    List<Series.Point> points = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      points.add(point(i, 10, 100));
    }
    points.add(point(100.05, 1, 100));
    String table = SeriesTable.render(new Series(1.0, points));
    // 100 s in rows of 5 s (at most 20 rows), each the interval that reaches its step.
    assertThat(table.lines().filter(l -> l.matches("\\s+\\d.*"))).hasSize(20);
    assertThat(table).contains("  5  ", "  100  ").doesNotContain("100.05");
    assertThat(table).contains("(every 5 s");
    assertThat(SeriesTable.step(3600, 1)).isEqualTo(300);
  }
}
