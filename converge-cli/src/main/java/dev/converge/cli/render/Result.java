package dev.converge.cli.render;

import java.util.Locale;

/** How a run ended, as {@code -o json} names it and with the exit code it maps to. */
public enum Result {
  SUCCESS(ExitCodes.CONVERGED),
  FAILED(ExitCodes.FAILED),
  TIMEOUT(ExitCodes.TIMEOUT),
  INVALID(ExitCodes.INVALID);

  private final int exitCode;

  Result(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** {@code success}, {@code failed}, {@code timeout} or {@code invalid}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
