/**
 * The Converge apply engine (DESIGN.md §6): manifests in, objects landed in dependency order.
 *
 * <p>Built so far: reading and whole-set validation ({@link dev.converge.engine.manifest}) and the
 * ordering plan ({@link dev.converge.engine.plan}). Server-side apply, waits, ApplySet prune,
 * destroy and diff follow in this package and its subpackages.
 *
 * <pre>{@code
 * Manifests read = new ManifestReader().read(List.of(Path.of("deploy/")));
 * List<ManifestObject> objects =
 *     new ManifestValidator(KindResolver.of(ops.discovery()), "default").validate(read).orThrow();
 * Plan plan = Planner.plan(objects);   // stages: apply one at a time, objects within concurrently
 * }</pre>
 */
@NullMarked
package dev.converge.engine;

import org.jspecify.annotations.NullMarked;
