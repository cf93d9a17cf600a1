/**
 * The Converge apply engine (DESIGN.md §6): manifests in, objects landed in dependency order.
 *
 * <p>The {@link dev.converge.engine.Engine} facade is the one entry point (the CLI's): load, apply,
 * diff, destroy, status, await, each returning a typed {@link dev.converge.engine.RunReport}.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create(client)) {
 *   ManifestSet set = engine.load(List.of(Path.of("deploy/")), "prod");
 *   RunReport report = engine.apply(set, DeployOptions.DEFAULTS.withPrune("web-set"), renderer::on);
 *   report.problems().forEach(o -> log.warn("{} {}: {}", o.kind(), o.name(), o.reason()));
 * }
 * }</pre>
 *
 * <p>Underneath: reading and whole-set validation ({@link dev.converge.engine.manifest}) and the
 * ordering plan ({@link dev.converge.engine.plan}); the {@link dev.converge.engine.Applier}
 * (server-side apply stage by stage, created/configured/unchanged, waits until all CURRENT with fail
 * fast and timeouts, field conflicts and {@code force}) reporting typed {@link
 * dev.converge.engine.progress.ProgressEvent}s. Inventory, prune and destroy live in
 * their packages, diff in {@link dev.converge.engine.diff}.
 *
 * <pre>{@code
 * Manifests read = new ManifestReader().read(List.of(Path.of("deploy/")));
 * List<ManifestObject> objects =
 *     new ManifestValidator(KindResolver.of(ops.discovery()), "default").validate(read).orThrow();
 * Plan plan = Planner.plan(objects);   // stages: apply one at a time, objects within concurrently
 * ApplyResult result = new Applier(ops, waiter, Applier.DEFAULT_CONCURRENCY)
 *     .apply(plan, ApplyOptions.DEFAULTS.withTimeout(Duration.ofMinutes(2)), renderer::on);
 * result.notCurrent().forEach(n -> log.warn("{} {}", n.oneLine(), n.warnings()));
 * }</pre>
 */
@NullMarked
package dev.converge.engine;

import org.jspecify.annotations.NullMarked;
