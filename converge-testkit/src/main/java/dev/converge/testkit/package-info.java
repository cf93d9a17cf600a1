/**
 * A JUnit 5 extension that gives tests a Kubernetes cluster: the in-process sandbox by default,
 * local API-server binaries (kube-api-test, offline) or a real cluster named by an environment
 * variable. The same tests run on all three; a test states what it needs with {@link
 * dev.converge.testkit.Requires} and is skipped, with the reason, on a backend that cannot give
 * it.
 *
 * <pre>{@code
 * @ConvergeCluster
 * class RolloutTest {
 *   @Test
 *   void becomesReady(TestCluster cluster) {
 *     cluster.client().apps().deployments().inNamespace(cluster.namespace()).resource(d).create();
 *     cluster.eventually(() -> assertThat(readyReplicas()).isEqualTo(2));
 *   }
 * }
 * }</pre>
 *
 * <p>Each test class gets its own cluster connection (and its own sandbox), each test its own
 * namespace; nothing is global, so test classes may run in parallel.
 */
package dev.converge.testkit;
