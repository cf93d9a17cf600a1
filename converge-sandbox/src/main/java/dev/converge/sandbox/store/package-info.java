/**
 * The sandbox's etcd: objects keyed by resource, namespace and name under one revision counter,
 * with a bounded event history so watches resume from a resourceVersion or get 410 Gone.
 *
 * <pre>{@code
 * store.mutate("configmaps", "default", "app", (current, revision) -> Outcome.put(next));
 * store.watch(watcher, fromRevision);
 * }</pre>
 */
package dev.converge.sandbox.store;
