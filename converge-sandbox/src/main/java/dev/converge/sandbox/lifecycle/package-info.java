/**
 * Lifecycle controllers that run inside the sandbox API server and give it a real cluster's
 * eventually consistent lifecycle semantics: namespace finalization, garbage collection by
 * ownerReferences (Background, Foreground, Orphan) and CustomResourceDefinition establishment
 * and cleanup.
 *
 * <p>They are hand-written rather than borrowed because they must run in-process against the
 * sandbox's own store: {@link dev.converge.sandbox.lifecycle.LifecycleControllers} listens to
 * store commits, only enqueues them, and processes them on one thread that acts through
 * {@link dev.converge.sandbox.server.Operations} like any other client. Tests wait for the
 * outcome with Awaitility, as they would against a cluster.
 *
 * <pre>{@code
 * LifecycleControllers lifecycle = LifecycleControllers.start(operations, clock);
 * // ... delete a namespace; it disappears once its contents are gone
 * lifecycle.close();
 * }</pre>
 */
package dev.converge.sandbox.lifecycle;
