package dev.converge.bench.engine;

/**
 * DeployTool is one way of putting a {@link DeploySet} on a cluster and taking it off again:
 * Converge or one of the tools users would pick instead. Each call returns once the tool says it
 * is done (objects ready, or gone) and throws when the tool reports a failure.
 */
interface DeployTool extends AutoCloseable {
  /** Short name used in reports, e.g. {@code kubectl}. */
  String name();

  /** One-time, unmeasured preparation for {@code set}, e.g. {@code kpt live init}. */
  default void prepare(DeploySet set) throws Exception {}

  /** Applies {@code set} and waits until every object is ready (CURRENT). */
  void apply(DeploySet set) throws Exception;

  /** Deletes {@code set}, its Namespace included, and waits until it is gone. */
  void destroy(DeploySet set) throws Exception;

  @Override
  default void close() {}
}
