/**
 * Engine benchmarks: Converge's apply engine against the tools users would pick instead (kubectl,
 * kpt, a straightforward fabric8 program, a 2 s polling waiter), measured in one run on one
 * sandbox. Each tool is a {@link dev.converge.bench.engine.DeployTool}; each scenario a
 * {@link dev.converge.bench.engine.Scenario}; {@link dev.converge.bench.engine.EngineBenchmarks}
 * runs them in alternation and writes the "engine" section of {@code docs/BENCHMARKS.md}.
 *
 * <pre>{@code
 * bench/run.sh 5                       # everything, 5 rounds
 * java -cp "$cp" -Dbench.tools=converge,kubectl \
 *     dev.converge.bench.engine.EngineBenchmarks 1 /tmp/B.md 100 10   # a quick check
 * }</pre>
 */
@NullMarked
package dev.converge.bench.engine;

import org.jspecify.annotations.NullMarked;
