package dev.converge.rollout;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.status.wait.InformerWatchSource;
import dev.converge.rollout.api.NodeDeployment;
import dev.converge.rollout.internal.NodeDeploymentReconciler;
import dev.converge.rollout.internal.RolloutMetrics;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * RolloutOperator runs the NodeDeployment controller: a Java Operator SDK {@link Operator} over
 * its own fabric8 client (request retry off: the core client is the only retry layer), optional
 * leader election through a Lease, optional metrics endpoint. Close it to stop.
 */
public final class RolloutOperator implements AutoCloseable {
  /** Classpath location of the CRD manifest maintained in the repository. */
  public static final String CRD_RESOURCE = "/crds/nodedeployments.converge.dev.yaml";
  /** How long {@link #installCrd} waits for the API server to serve the kind. */
  static final Duration CRD_ESTABLISH_TIMEOUT = Duration.ofSeconds(30);
  /** Longest wait between reconciles of a NodeDeployment whose reconcile keeps failing. */
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(10);
  /**
   * First wait before an informer re-opens a broken watch; fabric8 doubles it per failed attempt
   * up to 32 times (here 6.4 s). Its default of 1 s grows to 32 s after five refused reconnects,
   * and the controller, which learns that nodes became ready only from its StatefulSet informer,
   * then sat idle that long (issue 10 fault matrix: connections refused at 30 %, phase Pending for
   * 90 s).
   */
  static final Duration WATCH_RECONNECT_INTERVAL =
      Duration.ofMillis(InformerWatchSource.RECONNECT_INTERVAL_MILLIS);
  /** Field manager of every apply the controller makes. */
  public static final String FIELD_MANAGER = "converge-rollout";

  private final KubernetesClient client;
  private final ConvergeClient ops;
  private final Operator operator;
  private final RolloutMetrics metrics;
  private final @Nullable MetricsEndpoint endpoint;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final NodeDeploymentReconciler reconciler;

  private RolloutOperator(Config config, OperatorOptions options) {
    this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
        ConvergeClient.withoutRetry(config)).withUserAgent(options.userAgent())
        .withWatchReconnectInterval((int) WATCH_RECONNECT_INTERVAL.toMillis()).build()).build();
    this.ops = ConvergeClient.wrap(client,
        ClientOptions.DEFAULTS.with(b -> b.fieldManager(FIELD_MANAGER)));
    MeterRegistry registry = new SimpleMeterRegistry();
    this.metrics = new RolloutMetrics(registry);
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client).withCloseClientOnStop(false)
          .checkingCRDAndValidateLocalModel(false).withUseSSAToPatchPrimaryResource(false)
          .withConcurrentReconciliationThreads(options.reconcileThreads())
          .withReconciliationTerminationTimeout(Duration.ofSeconds(5))
          // A throttled or failing first list must not abort the start: the informers retry
          // it (found by the rollout fault matrix: 429 or 503 at startup killed the operator).
          .withStopOnInformerErrorDuringStartup(false);
      if (options.leaseNamespace() != null) {
        Duration lease = options.leaseDuration();
        // JOSDK exits the process on a lost Lease unless built "for test"; embedders opt out.
        var election = LeaderElectionConfigurationBuilder
            .aLeaderElectionConfiguration(OperatorOptions.LEASE_NAME)
            .withLeaseNamespace(options.leaseNamespace()).withIdentity(options.identity())
            .withLeaseDuration(lease).withRenewDeadline(lease.multipliedBy(2).dividedBy(3))
            .withRetryPeriod(lease.dividedBy(5));
        o.withLeaderElectionConfiguration(options.exitOnLostLease() ? election.build()
            : election.buildForTest(false));
      }
    });
    this.reconciler = new NodeDeploymentReconciler(ops, options.clock(), metrics,
        options.cachedTaskReads());
    operator.register(reconciler, c -> {
      c.withGenerationAware(false); // the retry annotation changes no generation
      // Transient API errors never retire a NodeDeployment: JOSDK's default gives up after five
      // failed reconciles, and a rollout then waited for an event that a broken watch may never
      // deliver (found by the rollout fault matrix under refused connections).
      c.withRetry(GenericRetry.defaultLimitedExponentialRetry().withoutMaxAttempts()
          .setMaxInterval(MAX_RETRY_INTERVAL.toMillis()));
      if (!options.namespaces().isEmpty()) {
        c.settingNamespaces(options.namespaces());
      }
    });
    this.endpoint = options.metricsPort() == null ? null
        : new MetricsEndpoint(registry, options.metricsPort());
  }

  /** Starts the controller against the cluster of {@code config}. */
  public static RolloutOperator start(Config config, OperatorOptions options) {
    RolloutOperator op = new RolloutOperator(config, options);
    try {
      op.operator.start();
    } catch (RuntimeException e) {
      op.close();
      throw e;
    }
    return op;
  }

  /** The CRD as maintained in the repository. */
  public static CustomResourceDefinition crd(KubernetesClient client) {
    try (InputStream in = RolloutOperator.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("CRD manifest missing from the classpath: " + CRD_RESOURCE);
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + CRD_RESOURCE, e);
    }
  }

  /** Installs (or updates) the NodeDeployment CRD and waits until it is Established. */
  public static void installCrd(KubernetesClient client) {
    CustomResourceDefinition crd = crd(client);
    client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    client.apiextensions().v1().customResourceDefinitions().withName(NodeDeployment.CRD_NAME)
        .waitUntilCondition(c -> c != null && c.getStatus() != null
            && c.getStatus().getConditions().stream().anyMatch(
                k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
            CRD_ESTABLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The meters (rollout duration, stalled rollouts, reconcile errors). */
  public MeterRegistry metrics() {
    return metrics.registry();
  }

  /** The port of the metrics endpoint, when enabled. */
  public int metricsPort() {
    if (endpoint == null) {
      throw new IllegalStateException("metrics endpoint not enabled");
    }
    return endpoint.port();
  }

  /** Blocks until {@link #close()} is called (by a shutdown hook, say). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
      reconciler.close();
      ops.close();
      client.close();
      stopped.countDown();
    }
  }
}
