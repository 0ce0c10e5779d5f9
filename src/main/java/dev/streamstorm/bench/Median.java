package dev.streamstorm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of repeated runs' figures: what the bench compares when one run moves by 10%. */
final class Median {

  private Median() {}

  /** The median of {@code value} over {@code items}, NaN values left out; NaN when none is left. */
  static <T> double of(List<T> items, ToDoubleFunction<T> value) {
    List<Double> v = new ArrayList<>();
    for (T item : items) {
      double x = value.applyAsDouble(item);
      if (!Double.isNaN(x)) {
        v.add(x);
      }
    }
    if (v.isEmpty()) {
      return Double.NaN;
    }
    v.sort(Double::compare);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
