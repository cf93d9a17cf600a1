package dev.converge.engine.reliability;

import dev.converge.sandbox.faults.FaultSpec;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import org.junit.jupiter.api.Test;

@ConvergeCluster(controllers = true)
@Requires(Capability.FAULTS)
class DebugRefuseTest {
  @Test
  void debug(TestCluster cluster) {
    MatrixEngine clean = new MatrixEngine(cluster.config(), "fm-clean");
    MatrixEngine faulted = new MatrixEngine(cluster.config(), "fm-faulted");
    for (int i = 0; i < 4; i++) {
      MixedSet set = new MixedSet("dbg" + i);
      cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(set.home()).endMetadata().build()).create();
      clean.apply(set, true);
      cluster.faults().add(FaultSpec.parse(FaultKind.REFUSED.spec(0.1, 2041 + i, "fm-faulted")));
      try {
        faulted.destroy(set);
      } catch (MatrixEngine.PhaseFailedException e) {
        System.err.println("DEBUG-FAIL");
        e.causes.forEach(c -> c.printStackTrace());
      } finally {
        cluster.faults().clear();
      }
    }
  }
}
