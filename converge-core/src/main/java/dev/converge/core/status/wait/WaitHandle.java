package dev.converge.core.status.wait;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** WaitHandle is a wait in progress: its eventual result, its current view, and a way to stop it. */
public interface WaitHandle {

  /** Completes when every object reached its goal, failed or timed out; never exceptionally. */
  CompletableFuture<WaitResult> result();

  /** The latest readiness of every object judged so far. */
  List<ReadinessEvent> current();

  /** Stops watching; objects not done get {@link Verdict#CANCELLED}. */
  void cancel();
}
