package dev.converge.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kubectl sees the simulated controllers roll a Deployment out, as on a real cluster. */
@Timeout(60)
class KubectlWithControllersTest {
  static Sandbox sandbox;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Kubectl.onPath().isPresent(),
        "kubectl is not on PATH: the kubectl compatibility tests need the real binary");
    sandbox = Sandbox.start();
    kubectl = new Kubectl(sandbox);
  }

  @AfterAll
  static void stop() {
    if (kubectl != null) {
      kubectl.close();
      sandbox.close();
    }
  }

  @Test
  void givenAppliedDeployment_whenRolloutStatus_thenItSucceedsAndPodsRun() throws Exception {
    // given
    kubectl.runWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":"
        + "\"kcc\"}}", "create", "-f", "-").succeeded();

    // when
    kubectl.run("apply", "--server-side", "-n", "kcc", "-f",
        kubectl.manifest("app.yaml").toString()).succeeded();

    // then
    assertThat(kubectl.run("rollout", "status", "deployment/web", "-n", "kcc", "--timeout=30s")
        .succeeded().out()).contains("deployment \"web\" successfully rolled out");
    assertThat(kubectl.run("get", "deploy", "web", "-n", "kcc").succeeded().out())
        .containsPattern("web\\s+2/2\\s+2\\s+2");
    assertThat(kubectl.run("get", "pods", "-n", "kcc").succeeded().out())
        .containsPattern("web-\\w+-\\w+\\s+1/1\\s+Running\\s+0");
    assertThat(kubectl.run("get", "nodes").succeeded().out()).containsPattern("node-1\\s+Ready");
  }
}
