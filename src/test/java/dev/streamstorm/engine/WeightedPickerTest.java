package dev.streamstorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedPickerTest {

  @Test
  void picksInProportionToWeights() {
    WeightedPicker<String> p =
        new WeightedPicker<>(
            List.of("a", "b", "c"),
            s ->
                switch (s) {
                  case "a" -> 3;
                  case "b" -> 2;
                  default -> 1;
                });
    Map<String, Integer> counts = new HashMap<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 60_000; i++) {
      counts.merge(p.pick(r), 1, Integer::sum);
    }
    assertThat(counts.get("a")).isBetween(29_000, 31_000);
    assertThat(counts.get("b")).isBetween(19_000, 21_000);
    assertThat(counts.get("c")).isBetween(9_300, 10_700);
  }

  @Test
  void aSingleItemIsAlwaysPicked() {
    WeightedPicker<String> p = new WeightedPicker<>(List.of("only"), s -> 1);
    assertThat(p.pick(new SplittableRandom(3))).isEqualTo("only");
  }
}
