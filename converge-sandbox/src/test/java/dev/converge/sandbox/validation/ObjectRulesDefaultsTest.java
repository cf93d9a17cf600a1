package dev.converge.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectRulesDefaultsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("deployment gets strategy, limits and pod defaults", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: c
                    image: nginx
                    ports: [{containerPort: 80}]
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%, maxSurge: 25%}}
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  restartPolicy: Always
                  terminationGracePeriodSeconds: 30
                  dnsPolicy: ClusterFirst
                  securityContext: {}
                  schedulerName: default-scheduler
                  containers:
                  - name: c
                    image: nginx
                    ports: [{containerPort: 80, protocol: TCP}]
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                    imagePullPolicy: Always
                    resources: {}
            """),
        Arguments.of("deployment keeps user values and Recreate has no rollingUpdate", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 0
              strategy: {type: Recreate}
              revisionHistoryLimit: 2
              progressDeadlineSeconds: 60
            """, """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 0
              strategy: {type: Recreate}
              revisionHistoryLimit: 2
              progressDeadlineSeconds: 60
            """),
        Arguments.of("statefulset", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce]}
            """, """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              replicas: 1
              podManagementPolicy: OrderedReady
              updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
              revisionHistoryLimit: 10
              persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Retain}
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], volumeMode: Filesystem}
            """),
        Arguments.of("daemonset", """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec: {}
            """, """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}
              revisionHistoryLimit: 10
            """),
        Arguments.of("replicaset", """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: rs}
            spec: {}
            """, """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: rs}
            spec: {replicas: 1}
            """),
        Arguments.of("job with a uid gets a generated selector and labels", """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: once, uid: u-1}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: "busybox:1.36"}]
            """, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: once, uid: u-1}
            spec:
              completions: 1
              parallelism: 1
              backoffLimit: 6
              completionMode: NonIndexed
              suspend: false
              podReplacementPolicy: TerminatingOrFailed
              selector:
                matchLabels: {batch.kubernetes.io/controller-uid: u-1}
              template:
                metadata:
                  labels:
                    batch.kubernetes.io/controller-uid: u-1
                    batch.kubernetes.io/job-name: once
                    controller-uid: u-1
                    job-name: once
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 30
                  dnsPolicy: ClusterFirst
                  securityContext: {}
                  schedulerName: default-scheduler
                  containers:
                  - name: c
                    image: "busybox:1.36"
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                    imagePullPolicy: IfNotPresent
                    resources: {}
            """),
        Arguments.of("job with a manual selector is not given one", """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: manual, uid: u-2}
            spec:
              manualSelector: true
              parallelism: 3
              selector: {matchLabels: {x: y}}
            """, """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: manual, uid: u-2}
            spec:
              manualSelector: true
              parallelism: 3
              selector: {matchLabels: {x: y}}
              backoffLimit: 6
              completionMode: NonIndexed
              suspend: false
              podReplacementPolicy: TerminatingOrFailed
            """),
        Arguments.of("cronjob", """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: c, image: "busybox@sha256:abc"}]
            """, """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              concurrencyPolicy: Allow
              suspend: false
              successfulJobsHistoryLimit: 3
              failedJobsHistoryLimit: 1
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      terminationGracePeriodSeconds: 30
                      dnsPolicy: ClusterFirst
                      securityContext: {}
                      schedulerName: default-scheduler
                      containers:
                      - name: c
                        image: "busybox@sha256:abc"
                        terminationMessagePath: /dev/termination-log
                        terminationMessagePolicy: File
                        imagePullPolicy: IfNotPresent
                        resources: {}
            """),
        Arguments.of("service gets type, ports, a cluster IP and families", """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80}]
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: ClusterIP
              sessionAffinity: None
              ports: [{port: 80, protocol: TCP, targetPort: 80}]
              clusterIP: 10.96.0.2
              clusterIPs: [10.96.0.2]
              ipFamilies: [IPv4]
              ipFamilyPolicy: SingleStack
              internalTrafficPolicy: Cluster
            """),
        Arguments.of("headless service keeps None", """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              clusterIP: None
              ports: [{port: 5432, targetPort: pg}]
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: db}
            spec:
              type: ClusterIP
              sessionAffinity: None
              clusterIP: None
              clusterIPs: [None]
              ports: [{port: 5432, targetPort: pg, protocol: TCP}]
              ipFamilies: [IPv4]
              ipFamilyPolicy: SingleStack
              internalTrafficPolicy: Cluster
            """),
        Arguments.of("external name service gets no address", """
            apiVersion: v1
            kind: Service
            metadata: {name: ext}
            spec: {type: ExternalName, externalName: example.com}
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: ext}
            spec: {type: ExternalName, externalName: example.com, sessionAffinity: None}
            """),
        Arguments.of("node port service gets a node port", """
            apiVersion: v1
            kind: Service
            metadata: {name: np}
            spec: {type: NodePort, ports: [{port: 80, targetPort: 8080}]}
            """, """
            apiVersion: v1
            kind: Service
            metadata: {name: np}
            spec:
              type: NodePort
              sessionAffinity: None
              ports: [{port: 80, targetPort: 8080, protocol: TCP, nodePort: 30000}]
              clusterIP: 10.96.0.2
              clusterIPs: [10.96.0.2]
              ipFamilies: [IPv4]
              ipFamilyPolicy: SingleStack
              internalTrafficPolicy: Cluster
              externalTrafficPolicy: Cluster
            """),
        Arguments.of("pod keeps a Never restart policy", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              restartPolicy: Never
              terminationGracePeriodSeconds: 5
              initContainers: [{name: i, image: "reg:5000/init:latest"}]
              containers: [{name: c, image: "reg:5000/app", imagePullPolicy: Never}]
            """, """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              restartPolicy: Never
              terminationGracePeriodSeconds: 5
              dnsPolicy: ClusterFirst
              securityContext: {}
              schedulerName: default-scheduler
              initContainers:
              - name: i
                image: "reg:5000/init:latest"
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                imagePullPolicy: Always
                resources: {}
              containers:
              - name: c
                image: "reg:5000/app"
                imagePullPolicy: Never
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
                resources: {}
            """),
        Arguments.of("secret string data folds into data", """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {a: YQ==}
            stringData: {b: hello}
            """, """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            type: Opaque
            data: {a: YQ==, b: aGVsbG8=}
            """),
        Arguments.of("pvc", """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: c}
            spec: {accessModes: [ReadWriteOnce]}
            """, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: c}
            spec: {accessModes: [ReadWriteOnce], volumeMode: Filesystem}
            """),
        Arguments.of("configmap is untouched", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: "1"}
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: "1"}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givenObject_whenDefaulted_thenLooksLikeARealClusterAndIsIdempotent(String name,
      String input, String expected) {
    // given
    ObjectRules rules = new ObjectRules();
    ObjectNode obj = Yaml.object(input);
    // when
    rules.defaults(Yaml.typeOf(obj), obj);
    ObjectNode once = obj.deepCopy();
    rules.defaults(Yaml.typeOf(obj), obj);
    // then
    assertThat(once).isEqualTo(Yaml.object(expected));
    assertThat(obj).as("applying defaults twice").isEqualTo(once);
  }

  @Nested
  class SecretData {
    @ParameterizedTest(name = "\"{0}\"")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"c2VjcmV0", "YQ==", "YWI=", ""})
    void givenBase64Data_whenDefaulted_thenAccepted(String value) {
      ObjectNode secret = Yaml.object("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {k: \"" + value + "\"}}");
      new ObjectRules().defaults(Yaml.typeOf(secret), secret);
      assertThat(secret.path("data").path("k").asText()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} fails at byte {1}")
    @org.junit.jupiter.params.provider.CsvSource({"plain-text!!,5", "YQ=x,3", "Y===,1", "YWJjZ,4"})
    void givenDataThatIsNotBase64_whenDefaulted_thenBadRequestLikeTheRealServer(String value, int at) {
      ObjectNode secret = Yaml.object("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {k: \"" + value + "\"}}");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ObjectRules().defaults(Yaml.typeOf(secret), secret))
          .isInstanceOf(dev.converge.sandbox.api.ApiException.class)
          .hasMessage("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte " + at)
          .satisfies(e -> assertThat(((dev.converge.sandbox.api.ApiException) e).code()).isEqualTo(400));
    }
  }

  @Nested
  class ServiceAddresses {
    @Test
    void givenManyServices_whenDefaulted_thenClusterIpsAreUnique() {
      ObjectRules rules = new ObjectRules();
      java.util.Set<String> ips = new java.util.HashSet<>();
      for (int i = 0; i < 300; i++) {
        ObjectNode svc = Yaml.object("{apiVersion: v1, kind: Service, metadata: {name: s}, "
            + "spec: {ports: [{port: 80}]}}");
        rules.defaults(Yaml.typeOf(svc), svc);
        String ip = svc.path("spec").path("clusterIP").asText();
        assertThat(ip).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+");
        ips.add(ip);
      }
      assertThat(ips).hasSize(300);
    }

    @Test
    void givenUserChosenIp_whenAnotherServiceIsAllocated_thenItDoesNotGetThatIp() {
      ObjectRules rules = new ObjectRules();
      ObjectNode chosen = Yaml.object("{apiVersion: v1, kind: Service, metadata: {name: a}, "
          + "spec: {clusterIP: 10.96.0.2}}");
      ObjectNode other = Yaml.object("{apiVersion: v1, kind: Service, metadata: {name: b}, "
          + "spec: {}}");
      rules.defaults(Yaml.typeOf(chosen), chosen);
      rules.defaults(Yaml.typeOf(other), other);
      assertThat(other.path("spec").path("clusterIP").asText()).isEqualTo("10.96.0.3");
    }

    @Test
    void givenUpdateWithoutClusterIp_whenDefaulted_thenStoredAddressesAreKept() {
      ObjectRules rules = new ObjectRules();
      ObjectNode stored = Yaml.object("{apiVersion: v1, kind: Service, metadata: {name: a}, "
          + "spec: {type: NodePort, ports: [{port: 80}]}}");
      rules.defaults(Yaml.typeOf(stored), stored);
      ObjectNode update = Yaml.object("{apiVersion: v1, kind: Service, metadata: {name: a}, "
          + "spec: {type: NodePort, ports: [{port: 80}]}}");
      rules.defaults(Yaml.typeOf(update), stored, update);
      assertThat(update).isEqualTo(stored);
    }
  }
}
