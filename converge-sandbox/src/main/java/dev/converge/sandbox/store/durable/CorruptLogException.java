package dev.converge.sandbox.store.durable;

/** A data directory holds damaged records that a crash alone cannot explain. */
public final class CorruptLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptLogException(String message) {
    super(message);
  }
}
