package dev.converge.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.it.Cli.Run;
import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.SandboxOptions;
import dev.converge.sandbox.faults.RequestQuery;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the readiness wait's informers re-list with a short back-off. fabric8 waits its
 * {@code watchReconnectInterval} after a failed list, doubling it per failure in a row; with its
 * default of 1 s, five failed lists in a row mean 1 + 2 + 4 + 8 + 16 = 31 s before the sixth, so a
 * 20 s wait would time out. The CLI's client uses 200 ms: 6.2 s.
 */
@Timeout(60)
class InformerBackoffTest {
  static Sandbox sandbox;
  static Path kubeconfig;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withControllers(false));
    kubeconfig = dir.resolve("sandbox.kubeconfig");
    sandbox.writeKubeconfig(kubeconfig);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void givenListOfTheKindFailingFiveTimes_whenAppliedWithWait_thenTheWatchSyncsAndTheApplyConvergesWithinTheWait() {
    // given: the first five lists of ConfigMaps in namespace 'backoff' fail (the applies do not list)
    Run ns = Cli.against(kubeconfig, "apply", "-f", Cli.write(dir, "ns.yaml", Cli.namespace("backoff")).toString());
    assertThat(ns.code()).as(ns.toString()).isZero();
    sandbox.faults().add("verb=list,path=/api/v1/namespaces/backoff/configmaps,status=503,count=5");
    Path file = Cli.write(dir, "cm.yaml", Cli.configMap("backoff", "settings"));

    // when
    Run run = Cli.against(kubeconfig, "apply", "-f", file.toString(), "--timeout", "20s");

    // then
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(sandbox.requests().count(RequestQuery.all().verb("list").resource("configmaps").namespace("backoff")))
        .isGreaterThanOrEqualTo(6);
  }
}
