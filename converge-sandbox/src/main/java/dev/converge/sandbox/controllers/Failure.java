package dev.converge.sandbox.controllers;

/** Failure is how the simulated kubelet fails the containers whose image matches a pattern. */
public enum Failure {
  /** The image cannot be pulled: ErrImagePull, then ImagePullBackOff. */
  IMAGE_PULL,
  /**
   * The container exits with code 1: CrashLoopBackOff with a growing restartCount when the pod
   * restarts containers, or phase Failed for pods that run to completion (Jobs).
   */
  CRASH_LOOP
}
