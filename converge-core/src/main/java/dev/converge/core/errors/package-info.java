/**
 * The Converge error taxonomy (DESIGN.md §2): every failure is one {@link
 * dev.converge.core.errors.ConvergeException}, a sealed hierarchy with one subclass per HTTP outcome
 * or transport failure ({@link dev.converge.core.errors.KubeApiException}) and one per convergence
 * failure ({@link dev.converge.core.errors.ConvergenceException}). Each carries the HTTP code,
 * {@code Status.reason}, causes, verb, object, attempt and original Status, and says through
 * {@link dev.converge.core.errors.ConvergeException#recovery()} whether retrying can help.
 *
 * <p>{@link dev.converge.core.errors.ErrorClassifier} is a pure function from (code, Status, cause
 * chain) to the subclass, so the rules are tested without a cluster. Callers branch on types, never
 * on message text:
 *
 * <pre>{@code
 * try {
 *   client.resource(configMap).delete();
 * } catch (KubernetesClientException e) {
 *   ConvergeException failure = ErrorClassifier.classify(e, CallInfo.of("delete", ref));
 *   if (!(failure instanceof NotFoundException)) {   // already deleted counts as success
 *     throw failure;                                 // typed, with an actionable message
 *   }
 * }
 * }</pre>
 *
 * <p>This package depends on fabric8's model only; nothing else of Converge.
 */
@NullMarked
package dev.converge.core.errors;

import org.jspecify.annotations.NullMarked;
