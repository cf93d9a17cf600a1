package dev.converge.cli.render;

/** The {@code converge} exit codes (issue 7); scripts branch on them, so they never change. */
public final class ExitCodes {
  /** Everything converged (or, for diff and status, the command did what was asked). */
  public static final int CONVERGED = 0;
  /** Some object FAILED: a write was rejected or its readiness is FAILED. */
  public static final int FAILED = 1;
  /** Invalid input or usage; nothing was written. Equals picocli's usage exit code. */
  public static final int INVALID = 2;
  /** Some object did not become CURRENT (or gone) in time; the report says which and why. */
  public static final int TIMEOUT = 3;
  /** The cluster is unreachable or refused the credentials. */
  public static final int UNREACHABLE = 4;

  private ExitCodes() {}
}
