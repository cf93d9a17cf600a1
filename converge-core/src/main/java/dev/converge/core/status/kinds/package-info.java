/**
 * One readiness reader per kind, applied after the generic rules (deletion, observed generation,
 * Stalled/Reconciling), with the generic conditions reader for custom resources and every kind
 * without a reader of its own. Readers work on Jackson trees and never perform I/O.
 *
 * <pre>{@code
 * Readiness r = KindReaders.read(object, new ReadContext(related, now, ReadinessOptions.DEFAULTS));
 * }</pre>
 */
package dev.converge.core.status.kinds;
