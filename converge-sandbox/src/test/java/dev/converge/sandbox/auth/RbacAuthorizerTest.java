package dev.converge.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.store.Mutation;
import dev.converge.sandbox.store.ObjectStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The authorizer reads the index that store commits keep current, aggregation included. */
class RbacAuthorizerTest {
  final ObjectStore store = new ObjectStore();
  final RbacAuthorizer authorizer = new RbacAuthorizer(RbacIndex.following(store));

  @Test
  void givenAggregatingClusterRole_whenLabelledRoleAdded_thenItsRulesAreGranted()
      throws Exception {
    // given
    put(RbacIndex.CLUSTER_ROLES, "", "monitoring", """
        {metadata: {name: monitoring},
         aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate-to-monitoring: "true"}}]},
         rules: []}""");
    put(RbacIndex.CLUSTER_ROLE_BINDINGS, "", "ops-monitoring", """
        {metadata: {name: ops-monitoring},
         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring},
         subjects: [{kind: Group, name: ops}]}""");
    Attributes listPods = Attributes.resource("olga", List.of("ops"), "list", "", "pods", "",
        "prod", "");
    assertThat(authorizer.authorize(listPods).allowed()).isFalse();

    // when
    put(RbacIndex.CLUSTER_ROLES, "", "pod-reader", """
        {metadata: {name: pod-reader, labels: {aggregate-to-monitoring: "true"}},
         rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]}""");

    // then
    assertThat(authorizer.authorize(listPods).allowed()).isTrue();
  }

  @Test
  void givenMastersGroup_thenAllowedWithoutAnyBinding() {
    assertThat(authorizer.authorize(Attributes.nonResource("root", List.of("system:masters"),
        "delete", "/anything")).allowed()).isTrue();
  }

  private void put(String resource, String ns, String name, String yaml) throws Exception {
    ObjectNode obj = (ObjectNode) Json.parse(yaml.getBytes(), true);
    store.mutate(resource, ns, name, (current, revision) -> Mutation.Outcome.put(obj));
  }
}
