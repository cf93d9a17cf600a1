/**
 * How a client reaches a running sandbox: server URL, trusted CA and bearer token, rendered as a
 * kubeconfig file for kubectl and other tools or as a fabric8 {@code Config} for Java code.
 *
 * <pre>{@code
 * ClusterAccess access = sandbox.access();
 * Kubeconfig.write(access, Path.of(".converge/sandbox.kubeconfig"));
 * KubernetesClient client = new KubernetesClientBuilder().withConfig(access.fabric8Config()).build();
 * }</pre>
 */
package dev.converge.sandbox.access;
