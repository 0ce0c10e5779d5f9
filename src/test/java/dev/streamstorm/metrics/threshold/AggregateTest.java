package dev.streamstorm.metrics.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AggregateTest {

  @Test
  void labelsReadAsWritten() {
    assertThat(Aggregate.percentile(95).label()).isEqualTo("p95");
    assertThat(Aggregate.percentile(99.9).label()).isEqualTo("p99.9");
    assertThat(Aggregate.of(Aggregate.Kind.MEAN).label()).isEqualTo("mean");
    assertThat(Aggregate.of(Aggregate.Kind.RATIO).label()).isEqualTo("ratio");
  }

  @Test
  void percentileMustBeInRange() {
    assertThatThrownBy(() -> Aggregate.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Aggregate.percentile(100.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Aggregate(Aggregate.Kind.MIN, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metricKindsDecideAggregates() {
    assertThat(MetricKind.of("ttft")).isEqualTo(MetricKind.TIME);
    assertThat(MetricKind.of("http_429")).isEqualTo(MetricKind.ERROR);
    assertThat(MetricKind.of("messages")).isEqualTo(MetricKind.MESSAGES);
    assertThat(MetricKind.of("goodput")).isEqualTo(MetricKind.GOODPUT);
    assertThat(MetricKind.of("llm_calls")).isEqualTo(MetricKind.VALUE);
    assertThat(MetricKind.isBuiltIn("tokens")).isTrue();
    assertThat(MetricKind.isBuiltIn("llm_calls")).isFalse();
  }
}
