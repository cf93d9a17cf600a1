package dev.converge.rollout.internal;

import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.api.Plan;
import dev.converge.rollout.api.RolloutStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A status being decided during one reconcile; {@link #build()} gives the record to write. */
final class StatusDraft {
  @Nullable Phase phase;
  @Nullable Long observedGeneration;
  int replicas;
  int readyReplicas;
  @Nullable String currentHash;
  @Nullable String failedHash;
  @Nullable String retryToken;
  @Nullable RolloutStatus rollout;
  @Nullable Plan plan;
  List<Condition> conditions;
  private final long generation;
  private final Instant now;

  StatusDraft(NodeDeploymentStatus s, long generation, Instant now) {
    this.phase = s.phase();
    this.observedGeneration = s.observedGeneration();
    this.replicas = s.replicas();
    this.readyReplicas = s.readyReplicas();
    this.currentHash = s.currentHash();
    this.failedHash = s.failedHash();
    this.retryToken = s.retryToken();
    this.rollout = s.rollout();
    this.plan = s.plan();
    this.conditions = s.conditionsOrEmpty();
    this.generation = generation;
    this.now = now;
  }

  private final List<PendingEvent> pending = new java.util.ArrayList<>();

  /** An event to record once the status deciding it is written. */
  record PendingEvent(boolean warning, String reason, String message) {
    void emit(EventRecorder recorder, dev.converge.rollout.api.NodeDeployment nd) {
      if (warning) {
        recorder.warning(nd, reason, message);
      } else {
        recorder.normal(nd, reason, message);
      }
    }
  }

  void normal(String reason, String message) {
    pending.add(new PendingEvent(false, reason, message));
  }

  void warning(String reason, String message) {
    pending.add(new PendingEvent(true, reason, message));
  }

  private final List<Runnable> afterWrite = new java.util.ArrayList<>();

  /** Runs {@code r} once the status is written (metrics of what was decided). */
  void afterWrite(Runnable r) {
    afterWrite.add(r);
  }

  List<Runnable> afterWrite() {
    return List.copyOf(afterWrite);
  }

  List<PendingEvent> events() {
    return List.copyOf(pending);
  }

  void condition(String type, boolean status, String reason, String message) {
    conditions = Conditions.set(conditions, type, status, reason, message, generation, now);
  }

  NodeDeploymentStatus build() {
    return new NodeDeploymentStatus(phase, observedGeneration, replicas, readyReplicas,
        currentHash, failedHash, retryToken, rollout, plan, conditions);
  }
}
