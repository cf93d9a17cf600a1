/**
 * Safe, bounded retries of API calls (DESIGN.md §3). A {@link dev.converge.core.retry.RetryPolicy}
 * is an immutable value (full-jitter exponential backoff, per-delay cap, attempt limit, overall
 * deadline, Retry-After cap); {@link dev.converge.core.retry.Idempotency} decides from the {@link
 * dev.converge.core.retry.CallKind} and the failure whether repeating is safe; {@link
 * dev.converge.core.retry.Retrier} runs a call under both with an injected clock and sleeper, logs
 * one WARN per retry and reports each decision to a {@link dev.converge.core.retry.RetryListener}.
 *
 * <pre>{@code
 * Retrier retrier = Retrier.builder()
 *     .policy(RetryPolicy.DEFAULT)
 *     .listener(event -> metrics.count(event.decision().outcome()))
 *     .build();
 * Deployment live = retrier.call(CallInfo.of("get", ref), CallKind.READ,
 *     () -> client.apps().deployments().inNamespace("prod").withName("web").get());
 * }</pre>
 *
 * <p>Hand-written rather than taken from a library because the decision depends on Kubernetes
 * semantics (which verbs are idempotent, what a 409 or 410 means, Retry-After from Status details)
 * and because it must be the only retry layer: fabric8's own request retry is switched off.
 */
@NullMarked
package dev.converge.core.retry;

import org.jspecify.annotations.NullMarked;
