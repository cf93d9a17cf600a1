package dev.converge.cli.render;

/**
 * How a command words its summary: what success is called, what not getting there in time is
 * called, and the status each object should reach (CURRENT, or NOT_FOUND for deletes).
 */
public record Wording(String done, String notDone, String goal) {
  public static final Wording APPLY = new Wording("Converged", "TIMED OUT", "CURRENT");
  public static final Wording APPLY_NO_WAIT = new Wording("Applied", "TIMED OUT", "CURRENT");
  public static final Wording DRY_RUN = new Wording("Dry run accepted for", "TIMED OUT", "CURRENT");
  public static final Wording DESTROY = new Wording("Deleted", "TIMED OUT", "NOT_FOUND");
  public static final Wording WAIT_CURRENT = new Wording("Ready:", "TIMED OUT", "CURRENT");
  public static final Wording WAIT_DELETED = new Wording("Gone:", "TIMED OUT", "NOT_FOUND");
  public static final Wording STATUS = new Wording("Current:", "NOT READY", "CURRENT");
}
