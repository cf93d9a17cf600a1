package dev.converge.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code converge sandbox ctl} against an in-process {@code converge sandbox}. */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxCtlCommandTest {
  @TempDir
  static Path dir;
  static Path kubeconfig;
  static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor();
  static final CommandLine SANDBOX_CLI = ConvergeCommand.commandLine();
  static Future<Integer> running;
  static KubernetesClient client;

  @BeforeAll
  static void startSandbox() {
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    SANDBOX_CLI.setOut(new PrintWriter(new StringWriter(), true));
    running = BACKGROUND.submit(() -> SANDBOX_CLI.execute("sandbox", "--kubeconfig",
        kubeconfig.toString(), "--pause", "statefulsets", "--slow", "deployments=2s",
        "--fault", "verb=get,path=/api/v1/namespaces/kube-public,status=503"));
    await().atMost(30, SECONDS).until(() -> Files.exists(kubeconfig));
    Config config = new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
        .withRequestRetryBackoffLimit(0).build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void stopSandbox() throws Exception {
    client.close();
    SandboxCommand command = SANDBOX_CLI.getSubcommands().get("sandbox").getCommand();
    command.stop();
    assertThat(running.get(30, SECONDS)).isZero();
    BACKGROUND.shutdownNow();
  }

  /** Runs one command line and returns what it printed (stdout, then stderr). */
  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ConvergeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {}

  private static int codeOf(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    return thrown instanceof KubernetesClientException e ? e.getCode() : 0;
  }

  @Test
  void givenFaultAtStart_thenClientsMeetItAndCtlListsIt() {
    assertThat(codeOf(() -> client.namespaces().withName("kube-public").get())).isEqualTo(503);

    Result list = run("sandbox", "ctl", "fault", "list", "--kubeconfig", kubeconfig.toString());

    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("verb=get,path=/api/v1/namespaces/kube-public,status=503");
  }

  @Test
  void givenFaultAddedByCtl_thenItApplies_andClearRemovesEveryRule() {
    Result added = run("sandbox", "ctl", "fault", "add",
        "verb=get,path=/api/v1/namespaces/kube-node-lease,status=500,count=1",
        "--kubeconfig", kubeconfig.toString());
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).startsWith("Added fault ");
    assertThat(codeOf(() -> client.namespaces().withName("kube-node-lease").get()))
        .isEqualTo(500);
    assertThat(codeOf(() -> client.namespaces().withName("kube-node-lease").get())).isZero();

    Result cleared = run("sandbox", "ctl", "fault", "clear", "--kubeconfig",
        kubeconfig.toString());

    assertThat(cleared.out()).contains("Removed");
    assertThat(codeOf(() -> client.namespaces().withName("kube-public").get())).isZero();
    run("sandbox", "ctl", "fault", "add",
        "verb=get,path=/api/v1/namespaces/kube-public,status=503", "--kubeconfig",
        kubeconfig.toString());
  }

  @Test
  void givenRequests_thenCtlCountsShowsThemByOutcome_andResets() {
    run("sandbox", "ctl", "counts", "--reset", "--kubeconfig", kubeconfig.toString());
    client.namespaces().withName("default").get();
    client.namespaces().withName("default").get();

    Result counts = run("sandbox", "ctl", "counts", "--verb", "get", "--resource", "namespaces",
        "--kubeconfig", kubeconfig.toString());

    assertThat(counts.code()).isZero();
    assertThat(counts.out()).containsPattern("get\\s+namespaces\\s+-\\s+"
        + "fabric8-kubernetes-client\\s+200\\s+2").contains("Total: 2");
  }

  @Test
  @Order(1)
  void givenPauseAtStart_thenStatefulSetsWaitUntilCtlResumesThem() {
    client.apps().statefulSets().inNamespace("default").resource(new StatefulSetBuilder()
        .withNewMetadata().withName("db").endMetadata().withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", "db").endSelector().withNewTemplate()
        .withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
        .addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    var db = client.apps().statefulSets().inNamespace("default").withName("db");
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(db.get().getStatus()).isNull());

    Result resumed = run("sandbox", "ctl", "resume", "statefulsets", "--kubeconfig",
        kubeconfig.toString());

    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("Resumed statefulsets");
    // The status is written a moment after resume: until then it is null.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
        db.get().getStatus().getReadyReplicas()).isEqualTo(1));
  }

  @Test
  void givenControllerCommands_thenTheAdminEndpointAcceptsThem() {
    Result paused = run("sandbox", "ctl", "pause", "jobs", "-n", "shop", "--name", "batch",
        "--kubeconfig", kubeconfig.toString());
    Result slowed = run("sandbox", "ctl", "slow", "deployments", "2s", "--kubeconfig",
        kubeconfig.toString());
    Result unknown = run("sandbox", "ctl", "pause", "gadgets", "--kubeconfig",
        kubeconfig.toString());

    assertThat(paused.code()).as(paused.err()).isZero();
    assertThat(paused.out()).contains("Paused jobs shop/batch");
    assertThat(slowed.out()).contains("Slowed deployments by 2s");
    assertThat(unknown.code()).isNotZero();
  }

  @Test
  void givenNoSandbox_thenCtlSaysWhatIsMissing() {
    Result missing = run("sandbox", "ctl", "counts", "--kubeconfig",
        dir.resolve("nowhere.kubeconfig").toString());

    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("no kubeconfig at").contains("nowhere.kubeconfig");
  }

  @Test
  void givenHelp_thenEverySwitchAndSubcommandIsDocumented() {
    Result sandbox = run("sandbox", "--help");
    Result ctl = run("sandbox", "ctl", "--help");
    Result add = run("sandbox", "ctl", "fault", "add", "--help");

    assertThat(sandbox.out()).contains("--pause", "--slow", "--fault", "watch-delay", "ctl");
    assertThat(ctl.out()).contains("pause", "resume", "slow", "fault", "counts");
    assertThat(add.out()).contains("--kubeconfig", "retry-after", "probability");
  }
}
