package dev.converge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The extension as a test suite sees it: injection, isolation, helpers, requirements. */
@ConvergeCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvergeClusterExtensionTest {
  private final Set<String> namespacesSeen = new HashSet<>();
  private String classNamespace;

  @BeforeAll
  void classCluster(TestCluster cluster) {
    classNamespace = cluster.namespace();
    assertThat(cluster.client().namespaces().withName(classNamespace).get()).isNotNull();
  }

  @Test
  void eachTestGetsItsOwnNamespace(TestCluster cluster) {
    assertThat(cluster.namespace()).isNotEqualTo(classNamespace)
        .startsWith("eachtestgetsitsownnamespace-");
    assertThat(namespacesSeen.add(cluster.namespace())).isTrue();
    assertThat(cluster.client().namespaces().withName(cluster.namespace()).get()
        .getMetadata().getLabels()).containsEntry("converge.dev/test", "true");
  }

  @Test
  void theDefaultBackendIsTheSandbox(TestCluster cluster) {
    assertThat(cluster.backend()).isEqualTo(Backend.SANDBOX);
    assertThat(cluster.sandbox()).isPresent();
    assertThat(cluster.sandboxFor(Capability.FAULTS)).isSameAs(cluster.sandbox().get());
  }

  @Test
  void newClientsAreIndependentAndWork(TestCluster cluster) {
    try (KubernetesClient other = cluster.newClient()) {
      other.configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
          .withNewMetadata().withName("from-other").endMetadata().build()).create();
    }
    assertThat(cluster.client().configMaps().inNamespace(cluster.namespace())
        .withName("from-other").get()).isNotNull();
  }

  @Test
  void eventsAreListedByObjectAndReason(TestCluster cluster) {
    ConfigMap cm = cluster.client().configMaps().inNamespace(cluster.namespace())
        .resource(new ConfigMapBuilder().withNewMetadata().withName("evented").endMetadata()
            .build()).create();
    for (String reason : new String[] {"Created", "Warned", "Warned"}) {
      cluster.client().v1().events().inNamespace(cluster.namespace()).resource(new EventBuilder()
          .withNewMetadata().withGenerateName("evented-").endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder().withKind("ConfigMap")
              .withName("evented").withNamespace(cluster.namespace())
              .withUid(cm.getMetadata().getUid()).build())
          .withReason(reason).withType("Normal").withMessage(reason).build()).create();
    }
    assertThat(cluster.events(cm)).hasSize(3);
    assertThat(cluster.events(cm, "Warned")).hasSize(2);
  }

  @Test
  void eventuallyWaitsAndConsistentlyHolds(TestCluster cluster) {
    KubernetesClient client = cluster.client();
    new Thread(() -> client.configMaps().inNamespace(cluster.namespace()).resource(
        new ConfigMapBuilder().withNewMetadata().withName("later").endMetadata().build())
        .create()).start();
    cluster.eventually(() -> assertThat(client.configMaps().inNamespace(cluster.namespace())
        .withName("later").get()).isNotNull());
    cluster.consistently(Duration.ofMillis(300), () -> assertThat(
        client.configMaps().inNamespace(cluster.namespace()).withName("never").get()).isNull());
    assertThatThrownBy(() -> cluster.eventually(Duration.ofMillis(300), () -> assertThat(
        client.configMaps().inNamespace(cluster.namespace()).withName("never").get())
        .isNotNull())).isInstanceOf(org.awaitility.core.ConditionTimeoutException.class);
  }

  @Test
  void backendsAreChosenByEnvironment() {
    assertThat(Backend.fromEnvironment(Map.of())).isEqualTo(Backend.SANDBOX);
    assertThat(Backend.fromEnvironment(Map.of(Backend.KUBECONFIG_ENV, "/k")))
        .isEqualTo(Backend.REAL_CLUSTER);
    assertThat(Backend.fromEnvironment(Map.of(Backend.BACKEND_ENV, "binaries")))
        .isEqualTo(Backend.API_SERVER_BINARIES);
    assertThatThrownBy(() -> Backend.fromEnvironment(Map.of(Backend.BACKEND_ENV, "kind")))
        .hasMessageContaining("use sandbox, binaries or kubeconfig");
    assertThat(Backend.REAL_CLUSTER.can(Capability.FAULTS)).isFalse();
    assertThat(Backend.API_SERVER_BINARIES.can(Capability.CONTROLLER_CONTROL)).isTrue();
  }
}
