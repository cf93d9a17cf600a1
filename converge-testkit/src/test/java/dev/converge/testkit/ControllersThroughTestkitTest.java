package dev.converge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulated controllers as a test suite drives them: pause holds a rollout, resume ends it. */
@ConvergeCluster
class ControllersThroughTestkitTest {
  static Deployment web() {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
        .withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  @Test
  void aDeploymentBecomesAvailable(TestCluster cluster) {
    Resource<Deployment> web = cluster.client().apps().deployments()
        .inNamespace(cluster.namespace()).resource(web());
    web.create();
    cluster.eventually(() -> assertThat(web.get().getStatus().getAvailableReplicas())
        .isEqualTo(2));
  }

  @Test
  @Requires(Capability.CONTROLLER_CONTROL)
  void pausedDeploymentsStayUnavailableUntilResumed(TestCluster cluster) {
    cluster.controllers().pause("deployments", cluster.namespace(), "web");
    Resource<Deployment> web = cluster.client().apps().deployments()
        .inNamespace(cluster.namespace()).resource(web());
    web.create();
    cluster.consistently(Duration.ofMillis(800), () -> assertThat(web.get().getStatus())
        .isNull());

    cluster.controllers().resume("deployments", cluster.namespace(), "web");

    cluster.eventually(() -> assertThat(web.get().getStatus().getAvailableReplicas())
        .isEqualTo(2));
  }
}
