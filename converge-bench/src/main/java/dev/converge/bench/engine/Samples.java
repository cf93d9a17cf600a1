package dev.converge.bench.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples holds measured values per metric and tool, in round order. */
final class Samples {
  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

  synchronized void add(String metric, String tool, double value) {
    values.computeIfAbsent(metric, k -> new LinkedHashMap<>())
        .computeIfAbsent(tool, k -> new ArrayList<>()).add(value);
  }

  synchronized List<Double> get(String metric, String tool) {
    return List.copyOf(values.getOrDefault(metric, Map.of()).getOrDefault(tool, List.of()));
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
