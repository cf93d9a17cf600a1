package dev.converge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.errors.CallInfo;
import dev.converge.core.errors.ErrorClassifier;
import dev.converge.core.errors.FieldManagerConflictException;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conflict with an imperative writer on an object Converge applies is drift; one with another applier is not. */
class DriftPolicyTest {

  static FieldManagerConflictException conflictWith(String manager) {
    Status status = new StatusBuilder().withCode(409).withReason("Conflict")
        .withMessage("Apply failed with 1 conflict: conflict with \"" + manager + "\": .spec.replicas")
        .withNewDetails().withCauses(new StatusCauseBuilder().withReason("FieldManagerConflict")
            .withField(".spec.replicas").withMessage("conflict with \"" + manager + "\" using apps/v1").build())
        .endDetails().build();
    return (FieldManagerConflictException) ErrorClassifier.classify(409, status, null, CallInfo.UNKNOWN);
  }

  static ManagedFieldsEntry entry(String manager, String operation) {
    return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withApiVersion("apps/v1")
        .build();
  }

  static Deployment live(ManagedFieldsEntry... entries) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withManagedFields(List.of(entries))
        .endMetadata().build();
  }

  @Test
  void givenConvergeAppliesAndKubectlScaled_whenConflicting_thenDrift() {
    assertThat(DriftPolicy.isDrift(live(entry("converge", "Apply"), entry("kubectl", "Update")),
        conflictWith("kubectl"), "converge")).isTrue();
  }

  @Test
  void givenAnotherApplierOwnsTheField_whenConflicting_thenNotDrift() {
    assertThat(DriftPolicy.isDrift(live(entry("converge", "Apply"), entry("argocd", "Apply")),
        conflictWith("argocd"), "converge")).isFalse();
  }

  @Test
  void givenConvergeNeverAppliedTheObject_whenConflicting_thenNotDrift() {
    assertThat(DriftPolicy.isDrift(live(entry("kubectl-create", "Update")),
        conflictWith("kubectl-create"), "converge")).isFalse();
  }

  @Test
  void givenManagerUnknownToManagedFieldsOrNoLiveObject_whenConflicting_thenNotDrift() {
    assertThat(DriftPolicy.isDrift(live(entry("converge", "Apply")), conflictWith("ghost"), "converge")).isFalse();
    assertThat(DriftPolicy.isDrift(null, conflictWith("kubectl"), "converge")).isFalse();
  }
}
