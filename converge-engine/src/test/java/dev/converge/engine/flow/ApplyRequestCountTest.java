package dev.converge.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.DeployOptions;
import dev.converge.engine.Engine;
import dev.converge.engine.ManifestSet;
import dev.converge.engine.RunReport;
import dev.converge.engine.RunReport.Action;
import dev.converge.engine.manifest.Yaml;
import dev.converge.sandbox.faults.RequestQuery;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.converge.sandbox.faults.FaultSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Applying many objects of one kind reads them with a LIST per kind and namespace, not a GET each:
 * a 200-ConfigMap apply makes about one write per object and a handful of reads, and its re-apply
 * the same handful of reads and no write. Controllers off, so the counts are the engine's.
 */
@ConvergeCluster(controllers = false)
@Requires({Capability.REQUEST_COUNTS, Capability.FAULTS})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplyRequestCountTest {
  static final int CONFIG_MAPS = 200;
  /** Discovery, the ApplySet parent, the inventory and one LIST per kind; independent of size. */
  static final long MAX_READS = 25;
  static final DeployOptions NO_WAIT = DeployOptions.DEFAULTS.withWait(false).withPrune("many")
      .withTimeout(Duration.ofSeconds(30));
  /** Pruning lists the set's kinds too; without it the apply's own reads are all there is. */
  static final DeployOptions NO_PRUNE = DeployOptions.DEFAULTS.withWait(false).withTimeout(Duration.ofSeconds(30));
  static final List<String> WRITES = List.of("create", "update", "patch", "delete", "deletecollection");

  Engine engine;

  @BeforeEach
  void open(TestCluster cluster) {
    engine = Engine.create(cluster.client());
  }

  @AfterEach
  void close(TestCluster cluster) {
    cluster.faults().clear();
    engine.close();
  }

  /** Writes, the ApplySet lock's Lease aside (taken and released by every run). */
  long writes(TestCluster cluster) {
    return WRITES.stream().mapToLong(v -> cluster.requests().count(RequestQuery.all().verb(v))
        - cluster.requests().count(RequestQuery.all().verb(v).resource("leases"))).sum();
  }

  long reads(TestCluster cluster) {
    return cluster.requests().count(RequestQuery.all().verb("get"))
        + cluster.requests().count(RequestQuery.all().verb("list"));
  }

  static String configMaps(String value) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < CONFIG_MAPS; i++) {
      yaml.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
          .append("}\ndata: {v: \"").append(value).append("\"}\n---\n");
    }
    return yaml.toString();
  }

  @Test
  void givenTwoHundredConfigMaps_whenAppliedThenReapplied_thenOneWriteEachAndReadsPerKindOnly(TestCluster cluster) {
    ManifestSet set = engine.validate(Yaml.read("cms.yaml", configMaps("1")), cluster.namespace());
    long readsBefore = reads(cluster);
    long writesBefore = writes(cluster);

    RunReport first = engine.apply(set, NO_WAIT, e -> {});

    assertThat(first.succeeded()).isTrue();
    assertThat(first.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.CREATED);
    assertThat((double) (writes(cluster) - writesBefore) / CONFIG_MAPS).isLessThanOrEqualTo(1.05);
    assertThat(reads(cluster) - readsBefore).isLessThanOrEqualTo(MAX_READS);

    long readsAfterFirst = reads(cluster);
    long writesAfterFirst = writes(cluster);
    RunReport again = engine.apply(set, NO_WAIT, e -> {});

    assertThat(again.objects()).extracting(RunReport.ObjectReport::action).containsOnly(Action.UNCHANGED);
    assertThat(writes(cluster) - writesAfterFirst).isZero();
    assertThat(reads(cluster) - readsAfterFirst).isLessThanOrEqualTo(MAX_READS);
  }

  @Test
  void givenSomeConfigMapsChanged_whenReapplied_thenListedStateClassifiesEachObject(TestCluster cluster) {
    engine.apply(engine.validate(Yaml.read("cms.yaml", configMaps("1")), cluster.namespace()), NO_WAIT, e -> {});
    cluster.client().configMaps().inNamespace(cluster.namespace()).withName("cm-7").delete();
    long writesBefore = writes(cluster);

    RunReport again = engine.apply(engine.validate(Yaml.read("cms.yaml", configMaps("1")), cluster.namespace()),
        NO_WAIT, e -> {});

    assertThat(again.object("ConfigMap", "cm-7").action()).isEqualTo(Action.CREATED);
    assertThat(again.object("ConfigMap", "cm-8").action()).isEqualTo(Action.UNCHANGED);
    // the re-created ConfigMap, and the ApplySet parent is untouched
    assertThat(writes(cluster) - writesBefore).isEqualTo(1);
  }

  @Test
  void givenListAlwaysFailing_whenApplied_thenEachObjectIsReadWithAGetAndClassifiedAsBefore(TestCluster cluster) {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata: {v: \"1\"}\n---\n";
    engine.apply(engine.validate(Yaml.read("a.yaml", yaml.formatted("a") + yaml.formatted("b")), cluster.namespace()),
        NO_PRUNE, e -> {});
    cluster.faults().add(FaultSpec.parse("verb=list,path=/api/v1/namespaces/" + cluster.namespace()
        + "/configmaps,status=503"));
    long getsBefore = cluster.requests().count(RequestQuery.all().verb("get").resource("configmaps"));

    RunReport again = engine.apply(engine.validate(Yaml.read("a.yaml", yaml.formatted("a") + yaml.formatted("b")
        + yaml.formatted("c")), cluster.namespace()), NO_PRUNE, e -> {});

    assertThat(again.succeeded()).isTrue();
    assertThat(again.object("ConfigMap", "a").action()).isEqualTo(Action.UNCHANGED);
    assertThat(again.object("ConfigMap", "c").action()).isEqualTo(Action.CREATED);
    assertThat(cluster.requests().count(RequestQuery.all().verb("get").resource("configmaps")) - getsBefore)
        .isGreaterThanOrEqualTo(3);
  }
}
