package dev.converge.bench.engine;

/** Timed measures the wall-clock seconds of one tool call. */
final class Timed {
  /** One tool call that may throw. */
  interface Call {
    void run() throws Exception;
  }

  private Timed() {}

  static double seconds(Call call) throws Exception {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
