/**
 * The sandbox: an in-process Kubernetes API server that real clients use over a loopback socket.
 *
 * <p>Hand-written because no kube-apiserver binary can be installed where Converge is built and
 * tested, and fabric8's mock server lacks server-side apply, status reasons, namespace
 * termination, garbage collection and watch history. Layers, outermost first: {@code http}
 * (Vert.x transport, discovery, watch streaming), {@code server} (verb semantics), {@code store}
 * (revisioned objects and watch history); {@code patch}, {@code apply}, {@code validation},
 * {@code select} and {@code schema} are pure logic the verbs use.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start()) {
 *   KubernetesClient client = new KubernetesClientBuilder()
 *       .withConfig(sandbox.clientConfig()).build();
 * }
 * }</pre>
 */
package dev.converge.sandbox;
