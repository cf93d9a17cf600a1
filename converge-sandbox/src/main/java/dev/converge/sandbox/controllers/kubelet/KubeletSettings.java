package dev.converge.sandbox.controllers.kubelet;

import dev.converge.sandbox.controllers.ControllerOptions;
import dev.converge.sandbox.controllers.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * KubeletSettings are the simulated kubelet's knobs that tests turn at runtime: how long pods
 * take to start and to run, and which images fail how. Thread-safe.
 */
public final class KubeletSettings {
  private record ImageRule(Pattern pattern, Failure failure) {}

  private final List<ImageRule> rules = new CopyOnWriteArrayList<>();
  private volatile Duration startDelay;
  private volatile Duration runTime;
  private volatile Duration failureBackoff;

  public KubeletSettings(ControllerOptions options) {
    this.startDelay = options.podStartDelay();
    this.runTime = options.podRunTime();
    this.failureBackoff = options.failureBackoff();
  }

  public Duration startDelay() {
    return startDelay;
  }

  public void startDelay(Duration d) {
    startDelay = d;
  }

  public Duration runTime() {
    return runTime;
  }

  public void runTime(Duration d) {
    runTime = d;
  }

  /** Back-off after the {@code attempt}th failure (1-based): doubles, capped at 10 times base. */
  public Duration backoff(int attempt) {
    Duration d = failureBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 3));
    Duration cap = failureBackoff.multipliedBy(10);
    return d.compareTo(cap) > 0 ? cap : d;
  }

  public void failureBackoff(Duration d) {
    failureBackoff = d;
  }

  /** Images in which {@code pattern} is found fail with {@code failure}; first rule wins. */
  public void failImages(Pattern pattern, Failure failure) {
    rules.add(new ImageRule(pattern, failure));
  }

  public void clearImageFailures() {
    rules.clear();
  }

  public Optional<Failure> failureOf(String image) {
    for (ImageRule rule : rules) {
      if (image != null && rule.pattern().matcher(image).find()) {
        return Optional.of(rule.failure());
      }
    }
    return Optional.empty();
  }
}
