/**
 * How {@link dev.converge.core.client.ConvergeClient} works: scopes resolving kinds to fabric8
 * operations, the discovery cache, the informer cache, and one class per write protocol
 * (idempotent create, compare-and-swap update, delete with wait). Not an API: use the role
 * interfaces of {@code dev.converge.core.client}.
 *
 * <pre>{@code
 * Scope<ConfigMap> scope = scopes.of(Kind.of(ConfigMap.class), "prod");
 * ConfigMap cm = calls.run(scope, scope.call("get", "app"), CallKind.READ, () -> scope.named("app").get());
 * }</pre>
 */
@NullMarked
package dev.converge.core.client.internal;

import org.jspecify.annotations.NullMarked;
