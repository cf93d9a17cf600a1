/**
 * The {@code converge} command line: one picocli class per subcommand, each only parsing
 * switches and rendering; the work happens in the engine ({@code dev.converge.engine.Engine}).
 * {@link dev.converge.cli.ClusterCommand} is the shared frame: read manifests, open the cluster
 * ({@code cluster}), validate, run, map failures to exit codes; {@code render} draws the output.
 *
 * <pre>{@code
 * converge apply -f examples/bookshop --cluster embedded          # live table, exit 0..4
 * converge apply -f deploy/ -n prod --applyset web --prune -o json
 * converge diff -f deploy/ ; converge status -f deploy/ ; converge wait -f deploy/ --for deleted
 * converge destroy --applyset web -n prod
 * converge sandbox --port 0 --kubeconfig .converge/sandbox.kubeconfig
 * converge version
 * source <(converge generate-completion)
 * }</pre>
 */
package dev.converge.cli;
