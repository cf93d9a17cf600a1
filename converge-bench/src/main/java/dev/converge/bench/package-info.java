/**
 * Benchmarks of Converge against the tools users would pick instead, measured in one run on one
 * machine. Not part of {@code mvn verify}: run {@code bench/run.sh}, which writes
 * {@code docs/BENCHMARKS.md}.
 *
 * <p>{@link dev.converge.bench.SandboxBenchmarks} measures the sandbox API server against
 * fabric8's mock server (CRUD mode), the in-process server Java users reach for today.
 * {@link dev.converge.bench.ReadinessBenchmarks} measures readiness waits against a naive 2 s
 * polling waiter and the cost of the readiness model on a 1,000-pod Deployment.
 */
package dev.converge.bench;
