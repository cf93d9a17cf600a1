package dev.converge.sandbox.faults;

import java.util.SplittableRandom;

/**
 * ActiveRule is a rule in force: it counts the requests it matched and decides, by count, every
 * Nth or a seeded draw, whether each one is hit. The same sequence of matches gives the same
 * decisions, run after run.
 */
public final class ActiveRule {
  private final FaultHandle handle;
  private final FaultRule rule;
  private final SplittableRandom random;
  private long matched;
  private long applied;

  ActiveRule(FaultHandle handle, FaultRule rule) {
    this.handle = handle;
    this.rule = rule;
    this.random = new SplittableRandom(rule.seed());
  }

  public FaultHandle handle() {
    return handle;
  }

  public FaultRule rule() {
    return rule;
  }

  public synchronized long matched() {
    return matched;
  }

  public synchronized long applied() {
    return applied;
  }

  /**
   * Counts one matching request and says whether the fault hits it: every Nth match (or each),
   * if the seeded draw allows, until {@code count} hits.
   */
  synchronized boolean hit() {
    matched++;
    boolean hit = rule.every() == 0 || matched % rule.every() == 0;
    // Drawn for every match, so the decisions depend only on the sequence of matches.
    if (rule.probability() < 1.0) {
      hit &= random.nextDouble() < rule.probability();
    }
    hit &= rule.count() == 0 || applied < rule.count();
    if (hit) {
      applied++;
    }
    return hit;
  }
}
