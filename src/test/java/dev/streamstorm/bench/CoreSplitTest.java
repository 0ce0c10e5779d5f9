package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreSplitTest {

  @Test
  void readsTheKernelsCpuListFormat() {
    assertThat(CoreSplit.parseCpuList("0-1")).containsExactly(0, 1);
    assertThat(CoreSplit.parseCpuList(" 0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
    assertThat(CoreSplit.parseCpuList("5")).containsExactly(5);
  }

  @Test
  void theGeneratorGetsTheFirstHalfRoundedUp() {
    CoreSplit two = CoreSplit.of(List.of(0, 1));
    assertThat(two.generator()).containsExactly(0);
    assertThat(two.server()).containsExactly(1);
    CoreSplit five = CoreSplit.of(List.of(0, 1, 2, 4, 6));
    assertThat(five.generator()).containsExactly(0, 1, 2);
    assertThat(five.server()).containsExactly(4, 6);
    assertThat(five.serverCommandPrefix()).containsExactly("taskset", "-c", "4,6");
    assertThat(five.describe()).isEqualTo("generator on CPU 0,1,2, bench-server on CPU 4,6");
  }

  @Test
  void oneCpuCannotBeSplit() {
    assertThatThrownBy(() -> CoreSplit.of(List.of(3)))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("at least 2 CPUs");
  }
}
