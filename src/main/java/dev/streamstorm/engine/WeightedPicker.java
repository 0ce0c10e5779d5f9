package dev.streamstorm.engine;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Picks items in proportion to their weights (cumulative weights, binary search). Immutable. */
final class WeightedPicker<T> {
  private final List<T> items;
  private final double[] cumulative;

  WeightedPicker(List<T> items, ToDoubleFunction<T> weight) {
    this.items = List.copyOf(items);
    this.cumulative = new double[items.size()];
    double sum = 0;
    for (int i = 0; i < items.size(); i++) {
      sum += weight.applyAsDouble(items.get(i));
      cumulative[i] = sum;
    }
  }

  T pick(RandomGenerator random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return items.get(lo);
  }
}
