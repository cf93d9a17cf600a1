/**
 * Server-side apply and managedFields tracking, as the Kubernetes API server does them.
 *
 * <p>Hand-written because the real implementation (structured-merge-diff) is Go: field sets
 * ({@link dev.converge.sandbox.apply.FieldSet}) are read and written in the exact
 * {@code fieldsV1} format so kubectl and fabric8 read them, and conflicts carry the real
 * {@code FieldManagerConflict} causes.
 *
 * <pre>{@code
 * FieldManager fields = new FieldManager(schemas, clock);
 * ObjectNode merged = fields.apply(type, live, applied, "my-tool", false, "");
 * fields.recordUpdate(type, previous, next, "kubectl-edit", "");
 * }</pre>
 */
package dev.converge.sandbox.apply;
