package dev.converge.core.status;

import static dev.converge.core.status.Status.CURRENT;
import static dev.converge.core.status.Status.FAILED;
import static dev.converge.core.status.Status.IN_PROGRESS;
import static dev.converge.core.status.Status.TERMINATING;
import static dev.converge.core.status.Status.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Fixtures.Case;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generic rules and the conditions conventions that custom resources and other kinds follow. */
@Timeout(30)
class CustomResourceReadinessTest {

  static String widget(String metadataExtra, String status) {
    return """
    apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w, generation: 2%s}
    spec: {size: 3}
    %s
    """
        .formatted(metadataExtra, status.isEmpty() ? "" : "status: " + status);
  }

  static final String WIDGETS_WITH_STATUS =
      """
      {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: widgets.example.com},
       spec: {versions: [{name: v1, served: true, storage: true, subresources: {status: {}}}]}}\
      """;

  static final String WIDGETS_WITHOUT_STATUS =
      """
      {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, metadata: {name: widgets.example.com},
       spec: {versions: [{name: v1, served: true, storage: true}]}}\
      """;

  static Stream<Case> cases() {
    return Stream.of(
        Case.of("no status at all", widget("", ""), CURRENT, "Exists", "reports no status"),
        Case.of("empty status", widget("", "{}"), CURRENT, "Exists", "reports no status"),
        Case.of(
                "no status, definition has no status subresource",
                widget("", ""),
                CURRENT,
                "Exists",
                "reports no status")
            .with(Related.builder().definition(Fixtures.yaml(WIDGETS_WITHOUT_STATUS)).build()),
        Case.of(
                "no status yet, definition declares a status subresource",
                widget(", creationTimestamp: \"2026-01-01T00:09:41Z\"", ""),
                IN_PROGRESS,
                "AwaitingStatus",
                "waiting for the controller to write status")
            .with(Related.builder().definition(Fixtures.yaml(WIDGETS_WITH_STATUS)).build()),
        Case.of(
                "no status and no creation time: still waiting (nothing to count the grace from)",
                widget("", ""),
                IN_PROGRESS,
                "AwaitingStatus",
                "waiting for the controller to write status")
            .with(Related.builder().definition(Fixtures.yaml(WIDGETS_WITH_STATUS)).build()),
        Case.of(
                "no status 20 s after creation: no controller is installed, ready by existence",
                widget(", creationTimestamp: \"2026-01-01T00:09:40Z\"", ""),
                CURRENT,
                "NoStatusReported",
                "no controller wrote status within 20s of creation")
            .with(Related.builder().definition(Fixtures.yaml(WIDGETS_WITH_STATUS)).build()),
        Case.of(
            "status without readiness conditions",
            widget("", "{observedGeneration: 2, phase: Running}"),
            CURRENT,
            "NoReadinessConditions",
            "no readiness conditions"),
        Case.of(
            "observedGeneration lags",
            widget("", "{observedGeneration: 1, conditions: [{type: Ready, status: \"True\"}]}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "observed generation 1 of 2"),
        Case.of(
            "condition's own observedGeneration lags",
            widget("", "{conditions: [{type: Ready, status: \"True\", observedGeneration: 1}]}"),
            IN_PROGRESS,
            "ObservedGenerationLag",
            "condition Ready reflects generation 1 of 2"),
        Case.of(
            "condition's own observedGeneration caught up",
            widget(
                "",
                "{conditions: [{type: Ready, status: \"True\", reason: Synced, observedGeneration:"
                    + " 2}]}"),
            CURRENT,
            "Synced",
            "Ready: Synced"),
        Case.of(
            "Ready=False with a progress reason",
            widget(
                "",
                "{observedGeneration: 2, conditions: [{type: Ready, status: \"False\", reason:"
                    + " Provisioning, message: \"creating volume\"}]}"),
            IN_PROGRESS,
            "Provisioning",
            "Ready=False: Provisioning: creating volume"),
        Case.of(
            "Ready=False with a failure reason",
            widget(
                "",
                "{observedGeneration: 2, conditions: [{type: Ready, status: \"False\", reason:"
                    + " InstallFailed, message: \"chart not found\"}]}"),
            FAILED,
            "InstallFailed",
            "Ready=False: InstallFailed: chart not found"),
        Case.of(
            "Ready=Unknown",
            widget("", "{conditions: [{type: Ready, status: Unknown}]}"),
            IN_PROGRESS,
            "NotReady",
            "Ready=Unknown: no reason given"),
        Case.of(
            "Available=True without Ready",
            widget("", "{conditions: [{type: Available, status: \"True\"}]}"),
            CURRENT,
            "Available",
            "Available"),
        Case.of(
            "Succeeded=False is a failure",
            widget(
                "",
                "{conditions: [{type: Succeeded, status: \"False\", reason: TaskRunCancelled}]}"),
            FAILED,
            "TaskRunCancelled",
            "Succeeded=False"),
        Case.of(
            "Stalled=True",
            widget(
                "",
                "{conditions: [{type: Stalled, status: \"True\", reason: QuotaExceeded, message:"
                    + " \"no capacity\"}, {type: Ready, status: \"False\"}]}"),
            FAILED,
            "QuotaExceeded",
            "stalled: QuotaExceeded: no capacity"),
        Case.of(
            "Reconciling=True",
            widget(
                "",
                "{conditions: [{type: Reconciling, status: \"True\", reason: Progressing}, {type:"
                    + " Ready, status: \"True\"}]}"),
            IN_PROGRESS,
            "Progressing",
            "reconciling: Progressing"),
        Case.of(
            "being deleted",
            widget(
                ", deletionTimestamp: \"2026-01-01T00:00:00Z\", finalizers: [example.com/cleanup]",
                "{conditions: [{type: Ready, status: \"True\"}]}"),
            TERMINATING,
            "Terminating",
            "deletion waiting for finalizers [example.com/cleanup]"),
        Case.of(
            "unknown built-in exists",
            "{apiVersion: v1, kind: ConfigMap, metadata: {name: settings}, data: {a: b}}",
            CURRENT,
            "Exists",
            "reports no status"),
        Case.of(
            "not an object", "just text", UNKNOWN, "NotAnObject", "expected a Kubernetes object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenObject_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }

  @Test
  void givenTypedFabric8Deployment_whenComputed_thenJudgedLikeItsUnstructuredForm() {
    // given
    var deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withGeneration(3L)
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(3L)
            .withReplicas(2)
            .withUpdatedReplicas(2)
            .withAvailableReplicas(1)
            .endStatus()
            .build();
    // when
    Readiness r = ReadinessModel.compute(deployment, Related.NONE, Fixtures.NOW);
    // then
    assertThat(r.status()).isEqualTo(IN_PROGRESS);
    assertThat(r.message()).isEqualTo("1/2 replicas available");
  }
}
