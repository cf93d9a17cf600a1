package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.progress.ApplyAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** Created, configured or unchanged, from the live object before and the apply's answer. */
class ChangeDetectorTest {

  private static Deployment web(String resourceVersion, int replicas, int readyReplicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("ns").withResourceVersion(resourceVersion).endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec()
        .withNewStatus().withReadyReplicas(readyReplicas).endStatus()
        .build();
  }

  @Test
  void givenNoObjectBefore_thenCreated() {
    assertThat(ChangeDetector.classify(null, web("1", 2, 0))).isEqualTo(ApplyAction.CREATED);
  }

  @Test
  void givenSameResourceVersion_thenUnchanged() {
    assertThat(ChangeDetector.classify(web("7", 2, 2), web("7", 2, 2))).isEqualTo(ApplyAction.UNCHANGED);
  }

  @Test
  void givenOnlyStatusMovedBetweenReadAndApply_thenUnchanged() {
    assertThat(ChangeDetector.classify(web("7", 2, 1), web("8", 2, 2))).isEqualTo(ApplyAction.UNCHANGED);
  }

  @Test
  void givenSpecChanged_thenConfigured() {
    assertThat(ChangeDetector.classify(web("7", 2, 2), web("8", 3, 2))).isEqualTo(ApplyAction.CONFIGURED);
  }
}
