/**
 * Simulated workload controllers that make the sandbox behave like a small cluster: Deployments
 * roll out through ReplicaSets, pods get scheduled and become ready, StatefulSets, DaemonSets and
 * Jobs do their work, LoadBalancer Services get addresses and claims bind. Tests and demos can
 * pause, resume and slow each kind ({@link dev.converge.sandbox.controllers.ControllerControls})
 * and make images fail on demand.
 *
 * <p>They are hand-written, not borrowed, because no real controller manager or kubelet can run
 * here; they are deliberately small approximations of upstream behaviour that a test can
 * observe (status fields, conditions, events), not of its internals. They are ordinary API
 * clients: one fabric8 client, informers to learn what changed and reads and writes (status
 * through /status) to act, so they can also drive a real API server that has no controllers.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start()) {
 *   sandbox.controllers().failImages(Pattern.compile("^broken/"), Failure.IMAGE_PULL);
 *   sandbox.controllers().pause("statefulsets");   // status stays as it is
 *   sandbox.controllers().resume("statefulsets");  // and converges again
 * }
 * Sandbox.start(SandboxOptions.defaults().withControllers(false));  // API server alone
 * }</pre>
 */
package dev.converge.sandbox.controllers;
