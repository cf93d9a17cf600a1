package dev.converge.core.client;

/**
 * KubeOps is the whole client: live reads ({@link ObjectReader}), safe writes ({@link
 * ObjectWriter}), cached reads through {@link #cached()} and discovery. Closing it stops the
 * informers it started; the fabric8 clients it was given stay open.
 */
public interface KubeOps extends ObjectReader, ObjectWriter, AutoCloseable {

  /** Reads through shared informers: cheap but possibly behind the live state. */
  CachedReader cached();

  Discovery discovery();

  @Override
  void close();
}
