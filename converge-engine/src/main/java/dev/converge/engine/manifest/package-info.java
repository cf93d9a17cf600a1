/**
 * Reading and validating manifest sets: multi-document YAML and JSON from files, directories and
 * standard input, into unstructured objects that remember their file and document.
 *
 * <p>Objects are fabric8 {@link io.fabric8.kubernetes.api.model.GenericKubernetesResource}s rather
 * than Jackson trees: the core client's {@code apply} takes them as they are, custom resources need
 * no model class, and metadata is typed for validation.
 *
 * <p>Validation is whole-set and happens before the first write; it returns every problem, each
 * naming file, document index, object and field ({@link dev.converge.engine.manifest.Problem}).
 * Which kinds the cluster serves comes from a {@link dev.converge.engine.manifest.KindResolver}
 * ({@link dev.converge.engine.manifest.ServedKinds}: one discovery read per group-version, an
 * absent kind fails at once; a fixed table in tests).
 *
 * <pre>{@code
 * Manifests read = new ManifestReader().read(ManifestReader.STDIN, System.in);   // kubectl -f -
 * ValidationReport report = new ManifestValidator(kinds, "default").validate(read);
 * if (!report.valid()) {
 *   report.problems().forEach(System.err::println);  // set.yaml#2 (line 14) v1 Service web: ...
 * }
 * List<ManifestObject> objects = report.orThrow();   // InvalidManifestException lists them all
 * }</pre>
 */
@NullMarked
package dev.converge.engine.manifest;

import org.jspecify.annotations.NullMarked;
