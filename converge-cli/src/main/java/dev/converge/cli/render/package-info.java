/**
 * Rendering of the engine's progress and reports, pure and unit-tested: a live table redrawn in
 * place on a terminal, one line per event otherwise, {@code -o json} documents, the summary line,
 * exit codes and redaction of Secret values.
 *
 * <pre>{@code
 * Output output = new Output(Output.Mode.PLAIN, out, err, Redactor.of(secretValues), Clock.systemUTC(), 120);
 * RunReport report = engine.apply(set, options, output.progress());
 * return output.finish(Summaries.of(report), Wording.APPLY);   // exit code 0, 1 or 3
 * }</pre>
 */
@NullMarked
package dev.converge.cli.render;

import org.jspecify.annotations.NullMarked;
