package dev.converge.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.SandboxFixture;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KubectlCompatibilityTest runs the real kubectl (the 1.33 binary its dispatcher picks for the
 * sandbox's reported version) against a sandbox: discovery, printing, apply, watch, wait, rollout
 * and diff. Each test works in its own namespace.
 */
class KubectlCompatibilityTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  static Sandbox sandbox;
  static KubernetesClient client;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Kubectl.onPath().isPresent(),
        "kubectl is not on PATH: the kubectl compatibility tests need the real binary");
    // Writes workload status by hand / counts exact revisions: no simulated controllers.
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    client = SandboxFixture.client(sandbox);
    kubectl = new Kubectl(sandbox);
  }

  @AfterAll
  static void stop() {
    if (kubectl != null) {
      kubectl.close();
      client.close();
      sandbox.close();
    }
  }

  /** Creates a fresh namespace through {@code kubectl create -f -}. */
  private static String namespace() throws Exception {
    String ns = "kc" + NAMESPACES.incrementAndGet();
    kubectl.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
        + ns + "\"}}", "create", "-f", "-").succeeded();
    return ns;
  }

  @Test
  void apiResourcesListsBuiltinsWithShortNames() throws Exception {
    String out = kubectl.run("api-resources").succeeded().out();
    assertThat(out).containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")
        .containsPattern("(?m)^configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap")
        .containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace")
        .containsPattern("(?m)^customresourcedefinitions\\s+crd,crds\\s+apiextensions.k8s.io/v1");
  }

  @Test
  void discoveryUsesTheAggregatedDocuments() throws Exception {
    Path cache = Files.createTempDirectory("kubectl-cache-");
    Kubectl.Result result = kubectl.run("api-resources", "-v=6", "--cache-dir=" + cache);
    assertThat(result.succeeded().out()).contains("Deployment");
    assertThat(result.err()).contains("/api?timeout", "/apis?timeout")
        .doesNotContain("/apis/apps/v1?timeout").doesNotContain("/api/v1?timeout");
  }

  @Test
  void createThenGetWideYamlAndAllNamespaces() throws Exception {
    String ns = namespace();
    Path cm = kubectl.manifest("configmap.yaml");
    assertThat(kubectl.run("create", "-n", ns, "-f", cm.toString()).succeeded().out())
        .contains("configmap/settings created");

    assertThat(kubectl.run("get", "cm", "settings", "-n", ns, "-o", "wide").succeeded().out())
        .containsPattern("NAME\\s+DATA\\s+AGE").containsPattern("settings\\s+1\\s+\\d+s");
    assertThat(kubectl.run("get", "cm", "settings", "-n", ns, "-o", "yaml").succeeded().out())
        .contains("kind: ConfigMap", "mode: fast", "namespace: " + ns, "resourceVersion:");
    assertThat(kubectl.run("get", "cm", "-A").succeeded().out())
        .containsPattern("NAMESPACE\\s+NAME\\s+DATA\\s+AGE")
        .containsPattern(ns + "\\s+settings\\s+1");
    assertThat(kubectl.run("get", "ns", ns).succeeded().out())
        .containsPattern("NAME\\s+STATUS\\s+AGE").containsPattern(ns + "\\s+Active");
    assertThat(kubectl.run("create", "-n", ns, "-f", cm.toString()).exitCode()).isNotZero();
  }

  @Test
  void serverSideApplyOfDeploymentServiceAndConfigMap() throws Exception {
    String ns = namespace();
    String app = kubectl.manifest("app.yaml").toString();
    assertThat(kubectl.run("apply", "--server-side", "-n", ns, "-f", app).succeeded().out())
        .contains("configmap/web-config serverside-applied",
            "deployment.apps/web serverside-applied", "service/web serverside-applied");

    String table = kubectl.run("get", "deploy,svc,cm", "-n", ns).succeeded().out();
    assertThat(table).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
        .containsPattern("deployment.apps/web\\s+0/2\\s+0\\s+0")
        .containsPattern("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE")
        .containsPattern("service/web\\s+ClusterIP\\s+\\S+\\s+<none>\\s+80/TCP")
        .containsPattern("configmap/web-config\\s+2");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns, "-o", "wide").succeeded().out())
        .containsPattern("AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR")
        .containsPattern("web\\s+nginx:1.27\\s+app=web");

    // Applying the same manifests again is a no-op for the live objects.
    String before = client.apps().deployments().inNamespace(ns).withName("web").get()
        .getMetadata().getResourceVersion();
    kubectl.run("apply", "--server-side", "-n", ns, "-f", app).succeeded();
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get()
        .getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void getWatchPrintsLaterChanges() throws Exception {
    String ns = namespace();
    kubectl.run("create", "-n", ns, "-f", kubectl.manifest("configmap.yaml").toString())
        .succeeded();
    Kubectl.Running watch = kubectl.start("get", "cm", "-n", ns, "-w");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> watch.output().matches("(?s).*settings\\s+1\\s.*"));

    ConfigMap settings = client.configMaps().inNamespace(ns).withName("settings").get();
    client.configMaps().inNamespace(ns)
        .resource(new ConfigMapBuilder(settings).addToData("extra", "yes").build()).update();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("later").endMetadata().build()).create();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(watch.output())
        .containsPattern("settings\\s+2\\s").containsPattern("later\\s+0\\s"));
    assertThat(watch.process().isAlive()).as("a watch keeps running").isTrue();
  }

  @Test
  void deleteFileRemovesEveryObject() throws Exception {
    String ns = namespace();
    String app = kubectl.manifest("app.yaml").toString();
    kubectl.run("apply", "--server-side", "-n", ns, "-f", app).succeeded();
    assertThat(kubectl.run("delete", "-n", ns, "-f", app).succeeded().out())
        .contains("configmap \"web-config\" deleted", "deployment.apps \"web\" deleted",
            "service \"web\" deleted");
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get()).isNull();
    Kubectl.Result empty = kubectl.run("get", "deploy,svc", "-n", ns).succeeded();
    assertThat(empty.err()).contains("No resources found");
  }

  @Test
  void waitForConditionSetThroughTheStatusSubresource() throws Exception {
    String ns = namespace();
    kubectl.run("apply", "--server-side", "-n", ns, "-f", kubectl.manifest("app.yaml").toString())
        .succeeded();
    assertThat(kubectl.run("wait", "--for=condition=Available", "deployment/web", "-n", ns,
        "--timeout=1s").exitCode()).as("not yet available").isNotZero();

    Kubectl.Running wait = kubectl.start("wait", "--for=condition=Available", "deployment/web",
        "-n", ns, "--timeout=60s");
    writeCompletedStatus(ns, "web");
    Kubectl.Result done = wait.await().succeeded();
    assertThat(done.out()).contains("deployment.apps/web condition met");
  }

  @Test
  void waitForDeleteReturnsOnceTheObjectIsGone() throws Exception {
    String ns = namespace();
    kubectl.run("create", "-n", ns, "-f", kubectl.manifest("configmap.yaml").toString())
        .succeeded();
    assertThat(kubectl.run("wait", "--for=delete", "configmap/settings", "-n", ns,
        "--timeout=1s").exitCode()).as("still there").isNotZero();

    Kubectl.Running wait = kubectl.start("wait", "--for=delete", "configmap/settings", "-n", ns,
        "--timeout=60s");
    client.configMaps().inNamespace(ns).withName("settings").delete();
    wait.await().succeeded();
  }

  @Test
  void rolloutStatusFollowsTheDeploymentStatus() throws Exception {
    String ns = namespace();
    kubectl.run("apply", "--server-side", "-n", ns, "-f", kubectl.manifest("app.yaml").toString())
        .succeeded();
    Kubectl.Result pending = kubectl.run("rollout", "status", "deployment/web", "-n", ns,
        "--timeout=1s");
    assertThat(pending.exitCode()).isNotZero();
    assertThat(pending.out()).contains("Waiting for");

    writeCompletedStatus(ns, "web");
    assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", ns, "--timeout=30s")
        .succeeded().out()).contains("deployment \"web\" successfully rolled out");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns).succeeded().out())
        .containsPattern("web\\s+2/2\\s+2\\s+2");
  }

  @Test
  void diffExitsOneWhenDifferentAndZeroWhenEqual() throws Exception {
    String ns = namespace();
    Path app = kubectl.manifest("app.yaml");
    kubectl.run("apply", "--server-side", "-n", ns, "-f", app.toString()).succeeded();
    assertThat(kubectl.run("diff", "--server-side", "-n", ns, "-f", app.toString()).exitCode())
        .isZero();

    Path changed = app.resolveSibling("app-changed.yaml");
    Files.writeString(changed, Files.readString(app).replace("greeting: hello", "greeting: bye"));
    Kubectl.Result diff = kubectl.run("diff", "--server-side", "-n", ns, "-f", changed.toString());
    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out()).contains("-  greeting: hello", "+  greeting: bye");
    assertThat(client.configMaps().inNamespace(ns).withName("web-config").get().getData())
        .as("diff is a dry run").containsEntry("greeting", "hello");

    // Client-side diff (strategic merge patch, dryRun=All) on objects kubectl created itself.
    Path cm = kubectl.manifest("configmap.yaml");
    kubectl.run("apply", "-n", ns, "-f", cm.toString()).succeeded();
    assertThat(kubectl.run("diff", "-n", ns, "-f", cm.toString()).exitCode()).isZero();
    Path cmChanged = cm.resolveSibling("configmap-changed.yaml");
    Files.writeString(cmChanged, Files.readString(cm).replace("mode: fast", "mode: slow"));
    assertThat(kubectl.run("diff", "-n", ns, "-f", cmChanged.toString()).exitCode()).isEqualTo(1);
  }

  @Test
  void createGeneratorsSendingProtobuf() throws Exception {
    String ns = "gen" + NAMESPACES.incrementAndGet();
    assertThat(kubectl.run("create", "namespace", ns).succeeded().out())
        .contains("namespace/" + ns + " created");
    kubectl.run("create", "configmap", "lit", "-n", ns, "--from-literal=a=1",
        "--from-literal=b=2").succeeded();
    kubectl.run("create", "secret", "generic", "creds", "-n", ns, "--from-literal=user=me")
        .succeeded();
    kubectl.run("create", "deployment", "api", "-n", ns, "--image=nginx:1.27", "--replicas=2",
        "--port=8080").succeeded();
    kubectl.run("create", "service", "clusterip", "api", "-n", ns, "--tcp=80:8080").succeeded();
    kubectl.run("create", "serviceaccount", "robot", "-n", ns).succeeded();

    assertThat(client.configMaps().inNamespace(ns).withName("lit").get().getData())
        .containsEntry("a", "1").containsEntry("b", "2");
    assertThat(client.secrets().inNamespace(ns).withName("creds").get().getData())
        .containsEntry("user", "bWU=");
    var deployment = client.apps().deployments().inNamespace(ns).withName("api").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.27");
    assertThat(client.services().inNamespace(ns).withName("api").get().getSpec().getPorts()
        .get(0).getTargetPort().getIntVal()).isEqualTo(8080);
    assertThat(client.serviceAccounts().inNamespace(ns).withName("robot").get()).isNotNull();
  }

  @Test
  void labelAnnotateAndScale() throws Exception {
    String ns = namespace();
    kubectl.run("apply", "--server-side", "-n", ns, "-f", kubectl.manifest("app.yaml").toString())
        .succeeded();
    kubectl.run("label", "-n", ns, "cm", "web-config", "tier=frontend").succeeded();
    kubectl.run("annotate", "-n", ns, "cm", "web-config", "owner=team-a").succeeded();
    kubectl.run("scale", "-n", ns, "deployment/web", "--replicas=3").succeeded();

    assertThat(kubectl.run("get", "cm", "-n", ns, "-l", "tier=frontend", "-o", "name")
        .succeeded().out().trim()).isEqualTo("configmap/web-config");
    assertThat(client.configMaps().inNamespace(ns).withName("web-config").get().getMetadata()
        .getAnnotations()).containsEntry("owner", "team-a");
    assertThat(kubectl.run("get", "deploy", "web", "-n", ns, "-o",
        "jsonpath={.spec.replicas}").succeeded().out()).isEqualTo("3");
  }

  /**
   * Writes, with a PUT on /status, the status a deployment controller reports once every
   * replica is available (there are no controllers in the sandbox yet).
   */
  private static void writeCompletedStatus(String ns, String name) {
    Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
    int replicas = d.getSpec().getReplicas();
    client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder(d)
        .withStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
          .withUpdatedReplicas(replicas).withReadyReplicas(replicas)
          .withAvailableReplicas(replicas)
          .addNewCondition().withType("Available").withStatus("True")
          .withReason("MinimumReplicasAvailable").withMessage("ready").endCondition()
          .addNewCondition().withType("Progressing").withStatus("True")
          .withReason("NewReplicaSetAvailable").withMessage("done").endCondition()
          .build()).build()).updateStatus();
  }
}
