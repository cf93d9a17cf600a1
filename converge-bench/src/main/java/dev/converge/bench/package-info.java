/**
 * Benchmarks of Converge against the tools users would pick instead, measured in one run on one
 * machine. Not part of {@code mvn verify}: run {@code bench/run.sh}, which writes
 * {@code docs/BENCHMARKS.md}.
 *
 * <p>{@link dev.converge.bench.SandboxBenchmarks} measures the sandbox API server against
 * fabric8's mock server (CRUD mode), the in-process server Java users reach for today.
 */
package dev.converge.bench;
