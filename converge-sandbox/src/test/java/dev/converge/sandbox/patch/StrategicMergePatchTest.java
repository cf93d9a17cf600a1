package dev.converge.sandbox.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.schema.BuiltinSchemas;
import dev.converge.sandbox.schema.TypeSchema;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class StrategicMergePatchTest {
  private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas();

  /** One case: the kind whose schema applies, the live object, the patch, the expected result. */
  record Case(String groupKind, String live, String patch, String expected) {}

  static Stream<Arguments> merges() {
    return Stream.of(
        named("containers merge by name, env by name", new Case("apps/Deployment", """
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: app:1
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                  - name: sidecar
                    image: proxy:1
            """, """
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    env: [{name: B, value: "3"}, {name: C, value: "4"}]
            """, """
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: app:1
                    env: [{name: A, value: "1"}, {name: B, value: "3"}, {name: C, value: "4"}]
                  - name: sidecar
                    image: proxy:1
            """)),
        named("container ports merge by containerPort", new Case("/Pod", """
            spec:
              containers:
              - name: app
                ports: [{containerPort: 80, name: http}, {containerPort: 443, name: https}]
            """, """
            spec:
              containers:
              - name: app
                ports: [{containerPort: 443, protocol: TCP}, {containerPort: 9090}]
            """, """
            spec:
              containers:
              - name: app
                ports:
                - {containerPort: 80, name: http}
                - {containerPort: 443, name: https, protocol: TCP}
                - {containerPort: 9090}
            """)),
        named("volumes by name, volumeMounts by mountPath", new Case("apps/StatefulSet", """
            spec:
              template:
                spec:
                  volumes: [{name: data, emptyDir: {}}]
                  containers:
                  - name: db
                    volumeMounts: [{name: data, mountPath: /data}]
            """, """
            spec:
              template:
                spec:
                  volumes: [{name: conf, configMap: {name: db}}]
                  containers:
                  - name: db
                    volumeMounts: [{name: data, mountPath: /data, readOnly: true},
                                   {name: conf, mountPath: /etc/db}]
            """, """
            spec:
              template:
                spec:
                  volumes: [{name: data, emptyDir: {}}, {name: conf, configMap: {name: db}}]
                  containers:
                  - name: db
                    volumeMounts: [{name: data, mountPath: /data, readOnly: true},
                                   {name: conf, mountPath: /etc/db}]
            """)),
        named("cron job pod template is reached through jobTemplate", new Case("batch/CronJob",
            """
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: a}, {name: b, image: b}]
            """, """
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: b, image: b2}]
            """, """
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: a}, {name: b, image: b2}]
            """)),
        named("null deletes a field", new Case("/ConfigMap", """
            metadata: {labels: {a: "1", b: "2"}}
            data: {x: y}
            """, """
            metadata: {labels: {a: null}}
            data: null
            """, """
            metadata: {labels: {b: "2"}}
            """)),
        named("a list without merge key is replaced", new Case("/Pod", """
            spec:
              tolerations: [{key: a}, {key: b}]
              containers: [{name: app, args: [x, y]}]
            """, """
            spec:
              tolerations: [{key: c}]
              containers: [{name: app, args: [z]}]
            """, """
            spec:
              tolerations: [{key: c}]
              containers: [{name: app, args: [z]}]
            """)),
        named("finalizers merge as a set", new Case("/ConfigMap", """
            metadata: {finalizers: [a, b]}
            """, """
            metadata: {finalizers: [b, c]}
            """, """
            metadata: {finalizers: [a, b, c]}
            """)),
        named("ownerReferences merge by uid", new Case("apps/ReplicaSet", """
            metadata: {ownerReferences: [{uid: u1, name: d1}]}
            """, """
            metadata: {ownerReferences: [{uid: u1, controller: true}, {uid: u2, name: d2}]}
            """, """
            metadata: {ownerReferences: [{uid: u1, name: d1, controller: true}, {uid: u2, name: d2}]}
            """)),
        named("status conditions merge by type", new Case("apps/Deployment", """
            status: {conditions: [{type: Available, status: "False"}, {type: Progressing, status: "True"}]}
            """, """
            status: {conditions: [{type: Available, status: "True"}]}
            """, """
            status: {conditions: [{type: Available, status: "True"}, {type: Progressing, status: "True"}]}
            """)),
        named("job conditions are atomic for apply but merge by type", new Case("batch/Job", """
            status: {conditions: [{type: Suspended, status: "True"}]}
            """, """
            status: {conditions: [{type: Complete, status: "True"}]}
            """, """
            status: {conditions: [{type: Suspended, status: "True"}, {type: Complete, status: "True"}]}
            """)),
        named("service ports merge by port", new Case("/Service", """
            spec: {ports: [{port: 80, targetPort: 8080}, {port: 443}]}
            """, """
            spec: {ports: [{port: 80, targetPort: 9090}]}
            """, """
            spec: {ports: [{port: 80, targetPort: 9090}, {port: 443}]}
            """)),
        named("$patch: replace replaces a map", new Case("/ConfigMap", """
            data: {a: "1", b: "2"}
            """, """
            data: {$patch: replace, c: "3"}
            """, """
            data: {c: "3"}
            """)),
        named("$patch: delete deletes a map", new Case("/Pod", """
            spec: {securityContext: {runAsUser: 1}, hostname: h}
            """, """
            spec: {securityContext: {$patch: delete}}
            """, """
            spec: {hostname: h}
            """)),
        named("$patch: merge is the default", new Case("/ConfigMap", """
            data: {a: "1"}
            """, """
            data: {$patch: merge, b: "2"}
            """, """
            data: {a: "1", b: "2"}
            """)),
        named("$patch: delete item removes by merge key", new Case("/Pod", """
            spec:
              containers:
              - name: app
                env: [{name: A, value: "1"}, {name: B, value: "2"}]
            """, """
            spec:
              containers:
              - name: app
                env: [{name: A, $patch: delete}]
            """, """
            spec:
              containers:
              - name: app
                env: [{name: B, value: "2"}]
            """)),
        named("$patch: replace item replaces the list", new Case("/Pod", """
            spec:
              containers: [{name: a, image: a}, {name: b, image: b}]
            """, """
            spec:
              containers: [{$patch: replace}, {name: c, image: c}]
            """, """
            spec:
              containers: [{name: c, image: c}]
            """)),
        named("$patch: replace item in a list item replaces that item", new Case("/Pod", """
            spec:
              containers: [{name: a, image: a, command: [x]}]
            """, """
            spec:
              containers: [{name: a, image: a2, $patch: replace}]
            """, """
            spec:
              containers: [{name: a, image: a2}]
            """)),
        named("$deleteFromPrimitiveList removes values", new Case("/ConfigMap", """
            metadata: {finalizers: [a, b, c]}
            """, """
            metadata: {$deleteFromPrimitiveList/finalizers: [a, c]}
            """, """
            metadata: {finalizers: [b]}
            """)),
        named("$deleteFromPrimitiveList of the last value drops the list", new Case("/ConfigMap", """
            metadata: {name: x, finalizers: [a]}
            """, """
            metadata: {$deleteFromPrimitiveList/finalizers: [a]}
            """, """
            metadata: {name: x}
            """)),
        named("$setElementOrder orders keyed items, others keep their slots", new Case("/Pod", """
            spec:
              containers: [{name: a}, {name: server-added}, {name: b}]
            """, """
            spec:
              $setElementOrder/containers: [{name: c}, {name: b}, {name: a}]
              containers: [{name: c}]
            """, """
            spec:
              containers: [{name: c}, {name: server-added}, {name: b}, {name: a}]
            """)),
        named("$setElementOrder orders a primitive list", new Case("/ConfigMap", """
            metadata: {finalizers: [a, b]}
            """, """
            metadata:
              $setElementOrder/finalizers: [c, b, a]
              finalizers: [c]
            """, """
            metadata: {finalizers: [c, b, a]}
            """)),
        named("$setElementOrder alone reorders an unpatched list", new Case("/Pod", """
            spec:
              containers: [{name: a, image: a}, {name: b, image: b}]
            """, """
            spec:
              $setElementOrder/containers: [{name: b}, {name: a}]
            """, """
            spec:
              containers: [{name: b, image: b}, {name: a, image: a}]
            """)),
        named("$retainKeys clears the fields it does not name", new Case("apps/Deployment", """
            spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}
            """, """
            spec: {strategy: {$retainKeys: [type], type: Recreate}}
            """, """
            spec: {strategy: {type: Recreate}}
            """)),
        named("directives in a value new to the object are consumed", new Case("/Pod", """
            spec: {}
            """, """
            spec:
              containers: [{name: a, env: [{name: X, value: "1"}], resources: {$patch: replace, limits: {cpu: "1"}}}]
              nodeSelector: {$patch: delete}
            """, """
            spec:
              containers: [{name: a, env: [{name: X, value: "1"}], resources: {limits: {cpu: "1"}}}]
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("merges")
  void givenBuiltinKind_whenStrategicMerge_thenMergedAsUpstream(Case c) {
    // given
    ObjectNode live = Yaml.object(c.live());
    ObjectNode before = live.deepCopy();
    // when
    ObjectNode result = Patcher.apply(PatchType.STRATEGIC, live, Yaml.node(c.patch()),
        schema(c.groupKind()));
    // then
    assertThat(result).isEqualTo(Yaml.object(c.expected()));
    assertThat(live).as("the live object is untouched").isEqualTo(before);
  }

  record Failure(String groupKind, String patch, int code, String reason, String message) {}

  static Stream<Arguments> failures() {
    return Stream.of(
        named("item without its merge key is a server error", new Failure("/Pod",
            "spec: {containers: [{image: x}]}", 500, "InternalError",
            "does not contain declared merge key: name")),
        named("unknown $patch directive", new Failure("/ConfigMap",
            "data: {$patch: shuffle}", 500, "InternalError", "unknown patch type: shuffle")),
        named("patch content outside $retainKeys", new Failure("apps/Deployment",
            "spec: {strategy: {$retainKeys: [type], rollingUpdate: {maxSurge: 1}}}", 422,
            "Invalid", "the server rejected our request")),
        named("$retainKeys not a list", new Failure("apps/Deployment",
            "spec: {strategy: {$retainKeys: type}}", 400, "BadRequest",
            "invalid patch format of retainKeys")),
        named("$deleteFromPrimitiveList not a list", new Failure("/ConfigMap",
            "metadata: {$deleteFromPrimitiveList/finalizers: a}", 400, "BadRequest",
            "invalid patch format of primitive list")),
        named("$setElementOrder not a list", new Failure("/Pod",
            "spec: {$setElementOrder/containers: a, containers: [{name: a}]}", 400,
            "BadRequest", "invalid patch format of setElementOrder list")),
        named("body not an object", new Failure("/ConfigMap", "[1, 2]", 400, "BadRequest",
            "cannot unmarshal array")),
        named("kind without a schema (custom resource)", new Failure("example.com/Widget",
            "spec: {a: 1}", 415, "UnsupportedMediaType",
            "accepted media types include: application/json-patch+json, "
                + "application/merge-patch+json, application/apply-patch+yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void givenBadStrategicPatch_whenApplied_thenFailsAsUpstream(Failure f) {
    ObjectNode live = Yaml.object("spec: {containers: [{name: a}]}\nmetadata: {name: x}");
    assertThatThrownBy(() -> Patcher.apply(PatchType.STRATEGIC, live, Yaml.node(f.patch()),
        schema(f.groupKind())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          assertThat(e.reason()).isEqualTo(f.reason());
        })
        .hasMessageContaining(f.message());
  }

  @Test
  void givenNoneSchema_whenStrategicMerge_then415ButMergePatchWorks() {
    // given
    ObjectNode live = Yaml.object("spec: {a: 1}");
    // when / then
    assertThatThrownBy(() -> Patcher.apply(PatchType.STRATEGIC, live, Yaml.node("spec: {b: 2}"),
        TypeSchema.NONE)).isInstanceOfSatisfying(ApiException.class,
            e -> assertThat(e.code()).isEqualTo(415));
    assertThat(Patcher.apply(PatchType.MERGE, live, Yaml.node("spec: {b: 2}"), TypeSchema.NONE))
        .isEqualTo(Yaml.object("spec: {a: 1, b: 2}"));
  }

  private static TypeSchema schema(String groupKind) {
    String[] parts = groupKind.split("/", -1);
    return SCHEMAS.forKind(parts[0], parts[1]);
  }

  private static Arguments named(String name, Object value) {
    return Arguments.of(Named.of(name, value));
  }
}
