package dev.converge.sandbox.controllers.apps;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * RollingMath resolves maxSurge and maxUnavailable (absolute or percentage) against a replica
 * count the way upstream does: surge rounds up, unavailable rounds down, and if both come out 0
 * one pod may be unavailable so a rollout can progress at all.
 */
public final class RollingMath {
  /** Kubernetes' default for both maxSurge and maxUnavailable. */
  static final IntOrString DEFAULT = new IntOrString("25%");

  private RollingMath() {}

  /** The resolved pair. */
  public record Limits(int maxSurge, int maxUnavailable) {}

  public static Limits resolve(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
    int surge = scaled(maxSurge == null ? DEFAULT : maxSurge, replicas, true);
    int unavailable = scaled(maxUnavailable == null ? DEFAULT : maxUnavailable, replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Limits(surge, Math.min(unavailable, replicas));
  }

  /** An absolute value, or a percentage of {@code total} rounded up or down. */
  public static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String s = value.getStrVal().trim();
    if (!s.endsWith("%")) {
      return Integer.parseInt(s);
    }
    long percent = Long.parseLong(s.substring(0, s.length() - 1));
    long product = percent * total;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }
}
