package dev.converge.testkit;

import dev.converge.sandbox.SandboxOptions;
import dev.converge.testkit.internal.BinariesConnection;
import dev.converge.testkit.internal.ClusterConnection;
import dev.converge.testkit.internal.DefaultTestCluster;
import dev.converge.testkit.internal.KubeconfigConnection;
import dev.converge.testkit.internal.SandboxConnection;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * ConvergeClusterExtension starts (or reaches) one cluster per test class and creates one
 * namespace per test; see {@link ConvergeCluster}. State lives in JUnit's extension store, never
 * in statics, so classes may run in parallel.
 */
public final class ConvergeClusterExtension implements BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver, ExecutionCondition {
  /** JUnit configuration parameter that overrides the backend chosen by the environment. */
  public static final String BACKEND_PARAMETER = "converge.test.backend";

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(ConvergeClusterExtension.class);
  private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Per-class state, closed by JUnit when the class's context ends. */
  private record ClassState(ClusterConnection connection, KubernetesClient client,
      TestCluster classCluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      client.close();
      connection.close();
    }
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Backend backend = backend(context);
    Set<Capability> needed = required(context);
    for (Capability c : needed) {
      if (!backend.can(c)) {
        return ConditionEvaluationResult.disabled(
            "needs " + c + ", which the " + backend + " backend does not provide");
      }
    }
    return ConditionEvaluationResult.enabled("backend " + backend + " provides " + needed);
  }

  /**
   * The backend: the JUnit configuration parameter {@value #BACKEND_PARAMETER} when set, else
   * the environment ({@link Backend#BACKEND_ENV}, {@link Backend#KUBECONFIG_ENV}).
   */
  static Backend backend(ExtensionContext context) {
    Optional<String> parameter = context.getConfigurationParameter(BACKEND_PARAMETER);
    if (parameter.isPresent()) {
      return Backend.fromEnvironment(Map.of(Backend.BACKEND_ENV, parameter.get()));
    }
    return Backend.fromEnvironment(System.getenv());
  }

  private static Set<Capability> required(ExtensionContext context) {
    Set<Capability> needed = EnumSet.noneOf(Capability.class);
    context.getElement().ifPresent(e -> addRequired(e, needed));
    context.getTestClass().ifPresent(c -> addRequired(c, needed));
    return needed;
  }

  private static void addRequired(AnnotatedElement element, Set<Capability> into) {
    AnnotationSupport.findAnnotation(element, Requires.class)
        .ifPresent(r -> into.addAll(java.util.List.of(r.value())));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classState(context);
  }

  private ClassState classState(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(STORE).getOrComputeIfAbsent(ClassState.class,
        k -> start(classContext), ClassState.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private ClassState start(ExtensionContext classContext) {
    ConvergeCluster settings = classContext.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, ConvergeCluster.class)).orElse(null);
    ClusterConnection connection = connect(backend(classContext), settings);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config())
        .build();
    String ns = createNamespace(client, classContext.getRequiredTestClass().getSimpleName());
    return new ClassState(connection, client, new DefaultTestCluster(connection, client, ns));
  }

  static ClusterConnection connect(Backend backend, ConvergeCluster settings) {
    Map<String, String> env = System.getenv();
    switch (backend) {
      case REAL_CLUSTER:
        String kubeconfig = env.get(Backend.KUBECONFIG_ENV);
        if (kubeconfig == null) {
          throw new IllegalStateException(Backend.BACKEND_ENV + "=kubeconfig needs "
              + Backend.KUBECONFIG_ENV + " to name a kubeconfig file");
        }
        return new KubeconfigConnection(Path.of(kubeconfig));
      case API_SERVER_BINARIES:
        return new BinariesConnection(runControllers(settings));
      default:
        return new SandboxConnection(SandboxOptions.defaults()
            .withControllers(runControllers(settings)));
    }
  }

  private static boolean runControllers(ConvergeCluster settings) {
    return settings == null || settings.controllers();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ClassState state = classState(context);
    String ns = createNamespace(state.client(),
        context.getRequiredTestMethod().getName());
    context.getStore(STORE).put(TestCluster.class,
        new DefaultTestCluster(state.connection(), state.client(), ns));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestCluster cluster = context.getStore(STORE).remove(TestCluster.class, TestCluster.class);
    if (cluster != null) {
      // Background deletion: the next test has its own namespace, so nothing waits for this.
      cluster.client().namespaces().withName(cluster.namespace()).delete();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<TestCluster> perTest = Optional.ofNullable(
        context.getStore(STORE).get(TestCluster.class, TestCluster.class));
    return perTest.orElseGet(() -> classState(context).classCluster());
  }

  /** Creates a namespace named after {@code hint} with a random suffix, as generateName does. */
  static String createNamespace(KubernetesClient client, String hint) {
    String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+|-+$", "");
    if (base.isEmpty()) {
      base = "test";
    }
    if (base.length() > 50) {
      base = base.substring(0, 50).replaceAll("-+$", "");
    }
    StringBuilder name = new StringBuilder(base).append('-');
    for (int i = 0; i < 5; i++) {
      name.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName(name.toString()).addToLabels("converge.dev/test", "true").endMetadata()
        .build()).create();
    return name.toString();
  }
}
