/**
 * Merge structure of kinds: which lists are atomic, sets or keyed maps and which objects are
 * replaced whole. Strategic merge patch and server-side apply consult it.
 *
 * <p>Built-in kinds come from a hand-written table ({@link dev.converge.sandbox.schema.BuiltinSchemas})
 * because the sandbox has no Go struct tags or OpenAPI documents to read them from; custom
 * resources come from their CRD's OpenAPI schema ({@link dev.converge.sandbox.schema.OpenApiSchemas}).
 *
 * <pre>{@code
 * TypeSchema deployment = sandbox.schemas().forKind("apps", "Deployment");
 * deployment.listType(List.of("spec", "template", "spec", "containers")); // map keyed by name
 * }</pre>
 */
package dev.converge.sandbox.schema;
