package dev.converge.testkit.internal;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.sandbox.faults.Faults;
import dev.converge.sandbox.faults.RequestCounts;
import dev.converge.testkit.Backend;
import dev.converge.testkit.Capability;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/** DefaultTestCluster is a {@link TestCluster} over one connection and one namespace. */
public final class DefaultTestCluster implements TestCluster {
  private static final Duration POLL = Duration.ofMillis(50);

  private final ClusterConnection connection;
  private final KubernetesClient client;
  private final String namespace;

  public DefaultTestCluster(ClusterConnection connection, KubernetesClient client,
      String namespace) {
    this.connection = connection;
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public Backend backend() {
    return connection.backend();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(connection.config()).build();
  }

  @Override
  public Config config() {
    return connection.config();
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Optional<Sandbox> sandbox() {
    return connection.sandbox();
  }

  @Override
  public Sandbox sandboxFor(Capability capability) {
    if (!backend().can(capability)) {
      throw new IllegalStateException(capability + " is not available on backend " + backend()
          + "; annotate the test with @Requires(Capability." + capability + ")");
    }
    return connection.sandbox().orElseThrow(() -> new IllegalStateException(
        capability + " needs the sandbox; backend is " + backend()));
  }

  @Override
  public Faults faults() {
    return sandboxFor(Capability.FAULTS).faults();
  }

  @Override
  public RequestCounts requests() {
    return sandboxFor(Capability.REQUEST_COUNTS).requests();
  }

  @Override
  public ControllerControls controllers() {
    if (!backend().can(Capability.CONTROLLER_CONTROL)) {
      throw new IllegalStateException("CONTROLLER_CONTROL is not available on backend "
          + backend() + "; annotate the test with @Requires(Capability.CONTROLLER_CONTROL)");
    }
    return connection.controllers();
  }

  @Override
  public List<Event> events(HasMetadata object) {
    String ns = object.getMetadata().getNamespace() != null
        ? object.getMetadata().getNamespace() : "default";
    return client.v1().events().inNamespace(ns)
        .withField("involvedObject.uid", object.getMetadata().getUid()).list().getItems()
        .stream().sorted(Comparator.comparing(DefaultTestCluster::when))
        .collect(Collectors.toList());
  }

  @Override
  public List<Event> events(HasMetadata object, String reason) {
    return events(object).stream().filter(e -> reason.equals(e.getReason()))
        .collect(Collectors.toList());
  }

  private static String when(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    return e.getMetadata().getCreationTimestamp() == null ? ""
        : e.getMetadata().getCreationTimestamp();
  }

  @Override
  public void eventually(ThrowingRunnable assertion) {
    eventually(DEFAULT_TIMEOUT, assertion);
  }

  @Override
  public void eventually(Duration timeout, ThrowingRunnable assertion) {
    // Exceptions count as "not yet" (e.g. status still null), as a failed assertion does.
    Awaitility.await().atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO)
        .ignoreExceptions().untilAsserted(assertion);
  }

  @Override
  public void consistently(Duration during, ThrowingRunnable assertion) {
    Awaitility.await().during(during).atMost(during.plus(DEFAULT_TIMEOUT)).pollInterval(POLL)
        .untilAsserted(assertion);
  }
}
