/**
 * The Converge client (DESIGN.md §4): every API call classified and retried only when repeating it
 * is safe, over fabric8's {@code KubernetesClient}, for model classes and unstructured objects.
 *
 * <p>Role interfaces: {@link dev.converge.core.client.ObjectReader} (live get/list),
 * {@link dev.converge.core.client.CachedReader} (shared informers, may lag),
 * {@link dev.converge.core.client.ObjectWriter} (apply, idempotent create, compare-and-swap update,
 * status, delete with a UID-aware wait), {@link dev.converge.core.client.Discovery}; {@link
 * dev.converge.core.client.KubeOps} is all of them, {@link dev.converge.core.client.ConvergeClient}
 * the implementation.
 *
 * <pre>{@code
 * try (KubeOps ops = ConvergeClient.create(config, ClientOptions.DEFAULTS)) {
 *   ConfigMap applied = ops.apply(configMap);                        // SSA as "converge", no force
 *   Deployment web = ops.get(Kind.of(Deployment.class), "prod", "web").orElseThrow();  // live
 *   ops.update(web, d -> { d.getSpec().setReplicas(3); return d; }); // re-read on Conflict, ≤ 10
 *   ops.delete(web, DeleteOption.waitUntilGone(Duration.ofMinutes(1)));
 *   List<GenericKubernetesResource> widgets =
 *       ops.cached().list(Kind.unstructured("example.com/v1", "Widget"), "prod");  // may lag
 * }
 * }</pre>
 *
 * <p>Reads: {@code ops.get/list} are live (strongly consistent); {@code ops.cached()} reads informers
 * that lag by the watch delivery time. A decision taken right after a write of the same object must
 * use the live path, or it may act on the state from before the write.
 *
 * <p>Retries: {@link dev.converge.core.client.ClientOptions#retrier()} is the one retry layer; fabric8's
 * request retry is switched off ({@code requestRetryBackoffLimit 0}) because it retries POSTs blindly
 * and ignores Retry-After. Informers reconnect on their own (fabric8's watch manager); their first
 * sync is bounded by {@link dev.converge.core.client.ClientOptions#cacheSyncTimeout()}.
 */
@NullMarked
package dev.converge.core.client;

import org.jspecify.annotations.NullMarked;
