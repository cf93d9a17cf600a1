package dev.converge.rollout.reliability;

import static org.awaitility.Awaitility.await;

import dev.converge.rollout.OperatorOptions;
import dev.converge.rollout.RolloutOperator;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.api.NodeDeploymentStatus;
import dev.converge.rollout.api.NodeTemplate;
import dev.converge.rollout.api.Phase;
import dev.converge.rollout.internal.TemplateHash;
import dev.converge.sandbox.faults.FaultHandle;
import dev.converge.sandbox.faults.Faults;
import dev.converge.sandbox.faults.RequestCounts;
import dev.converge.sandbox.faults.RequestQuery;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Two operator replicas with leader election on one NodeDeployment: checks that only the Lease
 * holder writes, then kills the leader without a release (every request of its client answered
 * 503 from then on, so it can neither renew nor act) and measures how long the other replica
 * takes to hold the Lease, and that it then completes a rollout. Used by {@link
 * LeaderFailoverTest} (one round) and {@link RolloutCampaign} (several).
 */
final class LeaderFailover {

  /**
   * @param followerWrites writes of the non-leader before the failover (must be 0)
   * @param sinceKill from the kill until the other replica held the Lease
   * @param sinceRenewal from the dead leader's last renewal until the other replica held it
   * @param rolledOut whether the new leader then completed a rollout to v2
   */
  record Result(long followerWrites, Duration sinceKill, Duration sinceRenewal,
      boolean rolledOut) {}

  static final List<String> WRITES = List.of("create", "update", "patch", "delete");
  static final List<String> ACTED_ON = List.of("statefulsets", "nodedeployments", "pods",
      "services", "events");
  static final Duration SETTLE = Duration.ofSeconds(60);

  private LeaderFailover() {}

  /**
   * The longest wait between two acquire attempts of a follower: fabric8's LeaderElector waits
   * retryPeriod * (1 + random * 1.2), and the operator's retry period is lease / 5.
   */
  static Duration maxPollPeriod(Duration lease) {
    return lease.dividedBy(5).multipliedBy(22).dividedBy(10);
  }

  static Result run(Config config, Faults faults, RequestCounts requests, String ns,
      Duration lease) {
    try (KubernetesClient admin = RolloutFaultMatrix.cleanClient(config)) {
      admin.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      String agentA = ns + "-a";
      String agentB = ns + "-b";
      RolloutOperator a = RolloutOperator.start(config, options(ns, agentA, "a", lease));
      RolloutOperator b = RolloutOperator.start(config, options(ns, agentB, "b", lease));
      FaultHandle kill = null;
      try {
        NodeDeployment nd = NodeDeployment.of("chain", 2, NodeTemplate.ofImage("node:v1"));
        nd.getMetadata().setNamespace(ns);
        admin.resource(nd).create();
        await().atMost(SETTLE).ignoreExceptions().until(() -> readyOn(admin, ns, "node:v1"));
        Lease held = lease(admin, ns);
        boolean aLeads = "a".equals(held.getSpec().getHolderIdentity());
        String leader = aLeads ? agentA : agentB;
        String follower = aLeads ? agentB : agentA;
        String successor = aLeads ? "b" : "a";
        long followerWrites = writes(requests, ns, follower);

        // the leader dies: from now on none of its requests succeed, so it never renews
        Instant killedAt = Instant.now();
        kill = faults.add("path=regex:/.*,status=503,client=" + leader);
        Instant lastRenewal = lease(admin, ns).getSpec().getRenewTime().toInstant();
        await().atMost(lease.multipliedBy(4)).pollInterval(Duration.ofMillis(20))
            .ignoreExceptions().until(() -> successor.equals(
                lease(admin, ns).getSpec().getHolderIdentity()));
        Instant tookOver = Instant.now();

        admin.resources(NodeDeployment.class).inNamespace(ns).withName("chain").edit(x -> {
          x.setSpec(x.getSpec().withTemplate(x.getSpec().template().withImage("node:v2")));
          return x;
        });
        boolean rolledOut;
        try {
          await().atMost(SETTLE).ignoreExceptions().until(() -> readyOn(admin, ns, "node:v2"));
          rolledOut = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          rolledOut = false;
        }
        return new Result(followerWrites, Duration.between(killedAt, tookOver),
            Duration.between(lastRenewal, tookOver), rolledOut);
      } finally {
        a.close();
        b.close();
        if (kill != null) {
          faults.remove(kill);
        }
        admin.namespaces().withName(ns).delete();
      }
    }
  }

  static OperatorOptions options(String ns, String agent, String id, Duration lease) {
    return OperatorOptions.defaults().withNamespaces(Set.of(ns)).withUserAgent(agent)
        .withReconcileThreads(2).withLeaderElection(ns, id, lease).withoutExitOnLostLease();
  }

  /** Writes of {@code agent} to what the operator acts on, in {@code ns}. */
  static long writes(RequestCounts requests, String ns, String agent) {
    long n = 0;
    for (String verb : WRITES) {
      for (String resource : ACTED_ON) {
        n += requests.count(RequestQuery.all().client(agent).namespace(ns).resource(resource)
            .verb(verb));
      }
    }
    return n;
  }

  private static Lease lease(KubernetesClient admin, String ns) {
    return admin.leases().inNamespace(ns).withName(OperatorOptions.LEASE_NAME).get();
  }

  private static boolean readyOn(KubernetesClient admin, String ns, String image) {
    NodeDeployment nd = admin.resources(NodeDeployment.class).inNamespace(ns).withName("chain")
        .get();
    NodeDeploymentStatus s = nd == null ? null : nd.getStatus();
    return s != null && s.phase() == Phase.Ready && s.rollout() == null
        && s.readyReplicas() == 2
        && TemplateHash.of(NodeTemplate.ofImage(image)).equals(s.currentHash());
  }
}
