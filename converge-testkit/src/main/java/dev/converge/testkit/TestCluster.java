package dev.converge.testkit;

import dev.converge.sandbox.Sandbox;
import dev.converge.sandbox.controllers.ControllerControls;
import dev.converge.sandbox.faults.Faults;
import dev.converge.sandbox.faults.RequestCounts;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ThrowingRunnable;

/**
 * TestCluster is the cluster a test runs against: clients, the test's own namespace, handles on
 * what the backend can control, and waiting helpers that never sleep blindly.
 */
public interface TestCluster {
  /** How long {@link #eventually} waits unless told otherwise. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  Backend backend();

  /** A client shared by the test class (admin credentials, fabric8 retries off). */
  KubernetesClient client();

  /** A new client with its own connection pool; the caller closes it. */
  KubernetesClient newClient();

  Config config();

  /** A namespace created for this test (for the test class, in {@code @BeforeAll} methods). */
  String namespace();

  /** The sandbox, when the backend is one. */
  Optional<Sandbox> sandbox();

  /** The sandbox; fails the test when the backend lacks {@code capability}. */
  Sandbox sandboxFor(Capability capability);

  /** Fault injection; needs {@link Capability#FAULTS}. */
  Faults faults();

  /** Counts of the requests the API server received; needs {@link Capability#REQUEST_COUNTS}. */
  RequestCounts requests();

  /** Pause, resume and slow the simulated controllers; needs {@link Capability#CONTROLLER_CONTROL}. */
  ControllerControls controllers();

  /** Events whose involvedObject is {@code object} (matched by uid), oldest first. */
  List<Event> events(HasMetadata object);

  /** Events of {@code object} with the given reason. */
  List<Event> events(HasMetadata object, String reason);

  /**
   * Waits until the assertion passes, up to {@link #DEFAULT_TIMEOUT}; exceptions it throws
   * meanwhile (a status not written yet) count as "not yet".
   */
  void eventually(ThrowingRunnable assertion);

  void eventually(Duration timeout, ThrowingRunnable assertion);

  /** Asserts that the assertion keeps passing for {@code during}. */
  void consistently(Duration during, ThrowingRunnable assertion);
}
