/**
 * The {@code converge} command line: one picocli class per subcommand, each only parsing
 * switches and rendering text; the work happens in the library modules.
 *
 * <pre>{@code
 * converge sandbox --port 0 --kubeconfig .converge/sandbox.kubeconfig
 * converge version
 * source <(converge generate-completion)
 * }</pre>
 */
package dev.converge.cli;
