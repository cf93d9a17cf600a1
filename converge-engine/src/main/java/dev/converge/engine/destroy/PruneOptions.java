package dev.converge.engine.destroy;

/**
 * How a prune may proceed.
 *
 * @param allowEmpty whether an empty desired set may prune every member: off by default, since an
 *     empty set is far more often a wrong path or a failed render than a wish to delete everything
 */
public record PruneOptions(boolean allowEmpty) {

  public static final PruneOptions DEFAULTS = new PruneOptions(false);

  public PruneOptions allowingEmpty() {
    return new PruneOptions(true);
  }
}
