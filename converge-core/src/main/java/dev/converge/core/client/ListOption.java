package dev.converge.core.client;

import java.util.Objects;

/** A per-call option of the {@code list} methods. */
public sealed interface ListOption {

  /** Only objects whose labels match {@code selector}, e.g. {@code app=web,tier in (front)}. */
  static ListOption labelSelector(String selector) {
    return new LabelSelector(selector);
  }

  /**
   * Reads the list in pages of at most {@code size} objects (limit and continue), so a large list
   * never arrives as one huge response; the pages are joined into one result.
   */
  static ListOption pageSize(int size) {
    return new PageSize(size);
  }

  /** See {@link #pageSize}. */
  record PageSize(int size) implements ListOption {
    public PageSize {
      if (size < 1) {
        throw new IllegalArgumentException("page size < 1: " + size);
      }
    }
  }

  /** See {@link #labelSelector}. */
  record LabelSelector(String selector) implements ListOption {
    public LabelSelector {
      Objects.requireNonNull(selector, "selector == null");
    }
  }
}
