/**
 * Minimal OpenAPI v2/v3 documents generated from the resource registry.
 *
 * <p>Hand-written because the sandbox has no Go type schemas to publish: kubectl only needs the
 * v3 documents to learn that each kind's PATCH accepts the {@code fieldValidation} query
 * parameter (so it validates server-side instead of downloading schemas) and, for client-side
 * apply, to find no schema and fall back to its compiled-in types.
 */
package dev.converge.sandbox.http.openapi;
