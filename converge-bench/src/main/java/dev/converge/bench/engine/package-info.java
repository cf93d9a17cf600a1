/**
 * Engine benchmarks: Converge's apply engine against the tools users would pick instead (kubectl,
 * kpt, a straightforward fabric8 program, a 2 s polling waiter), measured in one run on one
 * sandbox. Each tool is a {@link dev.converge.bench.engine.DeployTool}; each scenario a
 * {@link dev.converge.bench.engine.Scenario}; {@link dev.converge.bench.engine.EngineBenchmarks}
 * runs them in alternation and writes the "engine" section of {@code docs/BENCHMARKS.md}. Scenarios
 * (3) readiness detection latency, (6) the 50-node rollout (peer: {@link
 * dev.converge.bench.ScriptedRollout}) and (7) CLI cold start (processes against the same sandbox)
 * write sections of their own ("harness-readiness", "harness-rollout", "harness-cli");
 * {@link dev.converge.bench.engine.HarnessScenarios} runs only those three ({@code
 * -Dbench.readiness.objects=N} sets (3)'s object count, default 1000). Wall time per scenario goes
 * to stderr after every round.
 *
 * <pre>{@code
 * bench/run.sh 5                       # everything, 5 rounds, the engine section first
 * BENCH_JAVA_OPTS='-Dbench.scenarios=readiness,cli -Dbench.readiness.objects=20' \
 *     bench/run.sh 1 harness           # a quick check of (3) and (7)
 * java -cp "$cp" -Dbench.tools=converge,kubectl \
 *     dev.converge.bench.engine.EngineBenchmarks 1 /tmp/B.md 100 10   # a quick check
 * }</pre>
 */
@NullMarked
package dev.converge.bench.engine;

import org.jspecify.annotations.NullMarked;
