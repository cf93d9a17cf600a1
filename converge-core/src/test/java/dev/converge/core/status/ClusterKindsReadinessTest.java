package dev.converge.core.status;

import static dev.converge.core.status.Status.CURRENT;
import static dev.converge.core.status.Status.FAILED;
import static dev.converge.core.status.Status.IN_PROGRESS;
import static dev.converge.core.status.Status.TERMINATING;

import dev.converge.core.status.Fixtures.Case;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Services, claims, definitions and namespaces: kinds whose readiness is one field or condition.
 */
@Timeout(30)
class ClusterKindsReadinessTest {

  static String service(String type, String status) {
    return "{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {type: %s}, status: %s}"
        .formatted(type, status);
  }

  static String claim(String spec, String phase) {
    return "{apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: %s, status: {phase: %s}}"
        .formatted(spec, phase);
  }

  static String storageClass(String name, String mode) {
    return "{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: %s}, volumeBindingMode: %s}"
        .formatted(name, mode);
  }

  static String crd(String conditions) {
    return """
    {apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition,
     metadata: {name: widgets.example.com, generation: 1}, status: {conditions: %s}}\
    """
        .formatted(conditions);
  }

  static Related withClass(String yaml) {
    return Related.builder().storageClass(Fixtures.yaml(yaml)).build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(
            "ClusterIP service",
            service("ClusterIP", "{}"),
            CURRENT,
            "ServiceExists",
            "service exists"),
        Case.of(
            "LoadBalancer without address",
            service("LoadBalancer", "{loadBalancer: {}}"),
            IN_PROGRESS,
            "AwaitingLoadBalancer",
            "waiting for a load balancer address"),
        Case.of(
            "LoadBalancer with an empty ingress entry",
            service("LoadBalancer", "{loadBalancer: {ingress: [{}]}}"),
            IN_PROGRESS,
            "AwaitingLoadBalancer",
            "waiting"),
        Case.of(
            "LoadBalancer with IP",
            service("LoadBalancer", "{loadBalancer: {ingress: [{ip: 203.0.113.7}]}}"),
            CURRENT,
            "LoadBalancerReady",
            "load balancer at 203.0.113.7"),
        Case.of(
            "LoadBalancer with hostname",
            service("LoadBalancer", "{loadBalancer: {ingress: [{hostname: lb.example.com}]}}"),
            CURRENT,
            "LoadBalancerReady",
            "load balancer at lb.example.com"),
        Case.of(
            "claim bound",
            claim("{volumeName: pv-1}", "Bound"),
            CURRENT,
            "ClaimBound",
            "claim bound to pv-1"),
        Case.of(
            "claim pending, class unknown",
            claim("{storageClassName: local}", "Pending"),
            IN_PROGRESS,
            "ClaimPending",
            "claim Pending"),
        Case.of(
                "claim pending under WaitForFirstConsumer",
                claim("{storageClassName: local}", "Pending"),
                CURRENT,
                "WaitForFirstConsumer",
                "claim pending until a pod uses it (class local)")
            .with(withClass(storageClass("local", "WaitForFirstConsumer"))),
        Case.of(
                "claim pending under default WaitForFirstConsumer class",
                claim("{}", "Pending"),
                CURRENT,
                "WaitForFirstConsumer",
                "class standard")
            .with(withClass(storageClass("standard", "WaitForFirstConsumer"))),
        Case.of(
                "claim pending under Immediate class",
                claim("{storageClassName: fast}", "Pending"),
                IN_PROGRESS,
                "ClaimPending",
                "claim Pending")
            .with(withClass(storageClass("fast", "Immediate"))),
        Case.of(
                "claim pending, related class is another one",
                claim("{storageClassName: fast}", "Pending"),
                IN_PROGRESS,
                "ClaimPending",
                "claim Pending")
            .with(withClass(storageClass("local", "WaitForFirstConsumer"))),
        Case.of("claim lost", claim("{volumeName: pv-1}", "Lost"), FAILED, "ClaimLost", "pv-1"),
        Case.of(
            "CRD established with names accepted",
            crd("[{type: NamesAccepted, status: \"True\"}, {type: Established, status: \"True\"}]"),
            CURRENT,
            "Established",
            "definition established"),
        Case.of(
            "CRD names accepted, not yet established",
            crd(
                "[{type: NamesAccepted, status: \"True\"}, {type: Established, status:"
                    + " \"False\"}]"),
            IN_PROGRESS,
            "NotEstablished",
            "waiting to be established"),
        Case.of(
            "CRD without conditions",
            crd("[]"),
            IN_PROGRESS,
            "NotEstablished",
            "waiting for names to be accepted"),
        Case.of(
            "CRD names not accepted",
            crd(
                "[{type: NamesAccepted, status: \"False\", reason: MultipleNamesConflict, message:"
                    + " \"\\\"widget\\\" is already in use\"}]"),
            FAILED,
            "MultipleNamesConflict",
            "names not accepted: \"widget\" is already in use"),
        Case.of(
            "namespace active",
            "{apiVersion: v1, kind: Namespace, metadata: {name: team}, status: {phase: Active}}",
            CURRENT,
            "NamespaceActive",
            "namespace active"),
        Case.of(
            "namespace terminating",
            "{apiVersion: v1, kind: Namespace, metadata: {name: team}, status: {phase:"
                + " Terminating}}",
            TERMINATING,
            "Terminating",
            "namespace terminating"),
        Case.of(
            "namespace being deleted",
            "{apiVersion: v1, kind: Namespace, metadata: {name: team, deletionTimestamp:"
                + " \"2026-01-01T00:00:00Z\", finalizers: [kubernetes]}, status: {phase:"
                + " Terminating}}",
            TERMINATING,
            "Terminating",
            "deletion waiting for finalizers [kubernetes]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenObject_whenComputed_thenStatusReasonAndMessage(Case c) {
    c.verify();
  }
}
