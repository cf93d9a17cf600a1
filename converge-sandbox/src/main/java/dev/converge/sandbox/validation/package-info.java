/**
 * Per-kind defaulting and validation, as the real API server applies them on create and update,
 * so objects read back from the sandbox look like a real cluster's and bad writes fail with the
 * same 422 causes.
 *
 * <pre>{@code
 * ObjectRules rules = new ObjectRules();
 * rules.defaults(type, previousOrNull, object);   // idempotent, never overrides user values
 * rules.validateCreate(type, object);             // ApiException 422 Invalid
 * rules.validateUpdate(type, previous, object);   // "field is immutable"
 * }</pre>
 *
 * <p>Hand-written because no Java library carries the Kubernetes defaulting and validation
 * tables; messages follow apimachinery's field error formats so clients see familiar text.
 */
package dev.converge.sandbox.validation;
