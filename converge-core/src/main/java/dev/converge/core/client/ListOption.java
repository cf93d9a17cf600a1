package dev.converge.core.client;

import java.util.Objects;

/** A per-call option of the {@code list} methods. */
public sealed interface ListOption {

  /** Only objects whose labels match {@code selector}, e.g. {@code app=web,tier in (front)}. */
  static ListOption labelSelector(String selector) {
    return new LabelSelector(selector);
  }

  /** See {@link #labelSelector}. */
  record LabelSelector(String selector) implements ListOption {
    public LabelSelector {
      Objects.requireNonNull(selector, "selector == null");
    }
  }
}
