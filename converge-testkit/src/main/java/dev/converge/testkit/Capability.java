package dev.converge.testkit;

/** Capability is something a test may need that not every backend can give. */
public enum Capability {
  /** Inject faults: error statuses, latency, connection resets and refusals, dropped watches. */
  FAULTS,
  /** Deliver watch events late to chosen clients (cache lag on demand). */
  WATCH_DELAY,
  /** Pause, resume and slow the simulated controllers. */
  CONTROLLER_CONTROL,
  /** Count every request the API server received, by verb, resource and outcome. */
  REQUEST_COUNTS,
  /** Restart the API server keeping its state. */
  RESTART
}
