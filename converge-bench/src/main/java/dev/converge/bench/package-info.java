/**
 * Benchmarks of Converge against the tools users would pick instead, measured in one run on one
 * machine. Not part of {@code mvn verify}: run {@code bench/run.sh}, which writes
 * {@code docs/BENCHMARKS.md}.
 *
 * <p>{@link dev.converge.bench.SandboxBenchmarks} measures the sandbox API server against
 * fabric8's mock server (CRUD mode), the in-process server Java users reach for today.
 * {@link dev.converge.bench.ReadinessBenchmarks} measures readiness waits against a naive 2 s
 * polling waiter and the cost of the readiness model on a 1,000-pod Deployment.
 * {@link dev.converge.bench.TargetsSummary} runs last: it reads every section's "met / not met"
 * rows and writes the "## Targets" summary at the top of the file.
 *
 * <pre>{@code
 * bench/run.sh 5                      # every section, then the targets summary
 * bench/run.sh 1 harness,targets      # scenarios (3) and (6) on the engine harness's sandbox only
 * }</pre>
 */
package dev.converge.bench;
