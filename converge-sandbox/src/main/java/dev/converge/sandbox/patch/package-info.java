/**
 * PATCH bodies: RFC 6902 JSON patch, RFC 7386 merge patch and Kubernetes strategic merge patch,
 * applied to a live object with the API server's semantics and errors.
 *
 * <p>Strategic merge is written here by hand because its only implementation is the Go
 * apimachinery package; it is driven by {@link dev.converge.sandbox.schema.TypeSchema} instead
 * of Go struct tags.
 *
 * <pre>{@code
 * ObjectNode next = Patcher.apply(PatchType.STRATEGIC, live, patch,
 *     schemas.forKind("apps", "Deployment"));
 * }</pre>
 */
package dev.converge.sandbox.patch;
