package dev.converge.core.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.converge.core.client.ClientOptions;
import dev.converge.core.client.ConvergeClient;
import dev.converge.core.client.Kind;
import dev.converge.core.errors.ForbiddenException;
import dev.converge.core.errors.TlsException;
import dev.converge.core.errors.UnauthorizedException;
import dev.converge.core.retry.RetryPolicy;
import dev.converge.testkit.Capability;
import dev.converge.testkit.ConvergeCluster;
import dev.converge.testkit.Requires;
import dev.converge.testkit.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Security failures fail at once (one request) with a message that says what to fix: the RBAC rule a
 * restricted ServiceAccount lacks, the kubeconfig context whose credentials were rejected, the CA an
 * untrusted server certificate needs.
 */
@ConvergeCluster(controllers = false)
@Requires(Capability.FAULTS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SecurityErrorsTest {

  /** Generous retries: a security failure must not use them. */
  static final RetryPolicy RETRIES = RetryPolicy.builder().baseDelay(Duration.ofMillis(5))
      .maxDelay(Duration.ofMillis(50)).maxAttempts(6).deadline(Duration.ofSeconds(20)).build();

  /** Counts the requests a client sends; the sandbox authorizes before counting, so it cannot. */
  static final class Counter implements Interceptor {
    final AtomicInteger requests = new AtomicInteger();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      requests.incrementAndGet();
    }
  }

  static KubernetesClient client(Config config, Counter counter) {
    return new KubernetesClientBuilder().withConfig(ConvergeClient.withoutRetry(config))
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter)).build();
  }

  static ConvergeClient ops(KubernetesClient client) {
    return ConvergeClient.wrap(client, ClientOptions.DEFAULTS.with(b -> b.retryPolicy(RETRIES)));
  }

  @Nested
  class RestrictedServiceAccount {

    /** A ServiceAccount that may only get and list ConfigMaps in the test namespace. */
    Config deployer(TestCluster cluster) {
      String ns = cluster.namespace();
      KubernetesClient admin = cluster.client();
      admin.resource(new ServiceAccountBuilder().withNewMetadata().withName("deployer").withNamespace(ns)
          .endMetadata().build()).create();
      admin.resource(new RoleBuilder().withNewMetadata().withName("read-configmaps").withNamespace(ns)
          .endMetadata().addNewRule().withApiGroups("").withResources("configmaps")
          .withVerbs("get", "list").endRule().build()).create();
      admin.resource(new RoleBindingBuilder().withNewMetadata().withName("deployer-reads").withNamespace(ns)
          .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
          .withName("read-configmaps").endRoleRef().addNewSubject().withKind("ServiceAccount")
          .withName("deployer").withNamespace(ns).endSubject().build()).create();
      String token = cluster.sandboxFor(Capability.FAULTS).serviceAccountToken(ns, "deployer");
      return new ConfigBuilder(cluster.config()).withOauthToken(token).build();
    }

    @Test
    void givenReadOnlyRole_whenApply_thenOneRequestAndTheMessageNamesVerbResourceNamespaceAndUser(
        TestCluster cluster) {
      // given
      Counter counter = new Counter();
      String ns = cluster.namespace();
      try (KubernetesClient client = client(deployer(cluster), counter); ConvergeClient ops = ops(client)) {
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("app").withNamespace(ns)
            .endMetadata().addToData("k", "v").build();
        assertThat(ops.get(Kind.of(ConfigMap.class), ns, "app")).isEmpty();
        int before = counter.requests.get();

        // when
        Throwable thrown = catchThrowable(() -> ops.apply(cm));

        // then
        assertThat(counter.requests.get() - before).isEqualTo(1);
        assertThat(thrown).isInstanceOfSatisfying(ForbiddenException.class, e -> {
          assertThat(e.retryable()).isFalse();
          ForbiddenException.Denial denial = e.denial().orElseThrow();
          assertThat(denial.user()).isEqualTo("system:serviceaccount:" + ns + ":deployer");
          assertThat(denial.verb()).isEqualTo("patch");
          assertThat(denial.qualifiedResource()).isEqualTo("configmaps");
          assertThat(denial.namespace()).isEqualTo(ns);
        });
        assertThat(thrown.getMessage())
            .contains("user system:serviceaccount:" + ns + ":deployer cannot patch configmaps in namespace " + ns)
            .contains("grant verb 'patch' on resource 'configmaps'")
            .doesNotContain("\n\tat ");
      }
    }

    @Test
    void givenReadOnlyRole_whenListingSecretsAndGettingDeployments_thenEachNamesTheMissingRule(
        TestCluster cluster) {
      // given
      Counter counter = new Counter();
      String ns = cluster.namespace();
      try (KubernetesClient client = client(deployer(cluster), counter); ConvergeClient ops = ops(client)) {

        // when
        Throwable secrets = catchThrowable(() -> ops.list(Kind.of(Secret.class), ns));
        Throwable deployments = catchThrowable(() -> ops.get(Kind.of(Deployment.class), ns, "web"));
        Throwable namespaces = catchThrowable(() -> ops.list(Kind.of(Namespace.class), null));

        // then
        assertThat(secrets).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("cannot list secrets in namespace " + ns);
        assertThat(deployments).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("cannot get deployments.apps in namespace " + ns)
            .hasMessageContaining("(apiGroup 'apps')");
        assertThat(namespaces).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("cannot list namespaces at cluster scope")
            .hasMessageContaining("ClusterRole with a ClusterRoleBinding");
      }
    }
  }

  @Nested
  class RejectedCredentials {

    @Test
    void givenUnknownToken_whenGet_thenOneRequestAndTheMessageNamesTheContextAndUser(TestCluster cluster) {
      // given
      Counter counter = new Counter();
      Config config = new ConfigBuilder(cluster.config()).withOauthToken("not-a-token")
          .withCurrentContext(new NamedContextBuilder().withName("ci").withNewContext()
              .withCluster("sandbox").withUser("ci-deployer").endContext().build())
          .build();
      try (KubernetesClient client = client(config, counter); ConvergeClient ops = ops(client)) {

        // when
        Throwable thrown = catchThrowable(() -> ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app"));

        // then
        assertThat(counter.requests).hasValue(1);
        assertThat(thrown).isInstanceOf(UnauthorizedException.class)
            .hasMessageContaining("rejected the credentials")
            .hasMessageContaining(config.getMasterUrl())
            .hasMessageContaining("kubeconfig context \"ci\" (user \"ci-deployer\")");
      }
    }
  }

  @Nested
  class UntrustedCertificate {

    @Test
    void givenNoCaForTheServer_whenGet_thenTlsExceptionSaysNotTrustedAndHowToFix(TestCluster cluster) {
      // given: verification on (the default) and no CA that signed the sandbox's certificate
      Counter counter = new Counter();
      Config config = new ConfigBuilder(cluster.config()).withCaCertData(null).withCaCertFile(null)
          .withTrustCerts(false).build();
      try (KubernetesClient client = client(config, counter); ConvergeClient ops = ops(client)) {

        // when
        Throwable thrown = catchThrowable(() -> ops.get(Kind.of(ConfigMap.class), cluster.namespace(), "app"));

        // then
        assertThat(thrown).isInstanceOfSatisfying(TlsException.class,
            e -> assertThat(e.retryable()).isFalse());
        assertThat(thrown.getMessage()).contains(config.getMasterUrl()).contains("certificate not trusted")
            .contains("certificate-authority").doesNotContain("\n\tat ");
        assertThat(counter.requests).hasValue(1);
      }
    }
  }
}
