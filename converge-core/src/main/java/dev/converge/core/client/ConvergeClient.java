package dev.converge.core.client;

import dev.converge.core.client.internal.Calls;
import dev.converge.core.client.internal.CompareAndSwap;
import dev.converge.core.client.internal.Deletion;
import dev.converge.core.client.internal.DiscoveryCache;
import dev.converge.core.client.internal.EndpointHints;
import dev.converge.core.client.internal.IdempotentCreate;
import dev.converge.core.client.internal.InformerCache;
import dev.converge.core.client.internal.Scope;
import dev.converge.core.client.internal.Scopes;
import dev.converge.core.retry.CallKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The Converge client: {@link KubeOps} over a fabric8 {@link KubernetesClient}, for model classes and
 * unstructured objects alike. Every call runs through the options' {@link
 * dev.converge.core.retry.Retrier} with its {@link CallKind}, so failures are classified and retried
 * the same way everywhere.
 *
 * <p>fabric8's own request retry must be off (it retries POSTs and ignores Retry-After, and two
 * retry layers multiply): {@link #create(Config, ClientOptions)} switches it off in a copy of the
 * config, {@link #wrap} refuses a client that has it on.
 */
public final class ConvergeClient implements KubeOps {

  private final ClientOptions options;
  private final @Nullable KubernetesClient owned;
  private final DiscoveryCache discovery;
  private final Scopes scopes;
  private final Calls calls;
  private final InformerCache cache;
  private final IdempotentCreate creates;
  private final CompareAndSwap updates;
  private final Deletion deletions;

  private ConvergeClient(KubernetesClient client, ClientOptions options, @Nullable KubernetesClient owned) {
    requireRetryOff(client, "client");
    options.informerClient().ifPresent(c -> requireRetryOff(c, "informer client"));
    this.options = options;
    this.owned = owned;
    this.discovery = new DiscoveryCache(client, options.retrier());
    this.scopes = new Scopes(client, discovery);
    this.calls = new Calls(options.retrier(), discovery, EndpointHints.of(client.getConfiguration()));
    this.cache = new InformerCache(
        new Scopes(options.informerClient().orElse(client), discovery), options.cacheSyncTimeout());
    this.creates = new IdempotentCreate(scopes, calls);
    this.updates = new CompareAndSwap(scopes, calls);
    this.deletions = new Deletion(scopes, calls);
  }

  /** Wraps {@code client}, which the caller keeps and closes; its request retry must be off. */
  public static ConvergeClient wrap(KubernetesClient client, ClientOptions options) {
    return new ConvergeClient(client, options, null);
  }

  /** A client of its own for {@code config} (copied, with fabric8's request retry off). */
  public static ConvergeClient create(Config config, ClientOptions options) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(withoutRetry(config)).build();
    return new ConvergeClient(client, options, client);
  }

  /** A copy of {@code config} with fabric8's request retry switched off. */
  public static Config withoutRetry(Config config) {
    return new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
  }

  public ClientOptions options() {
    return options;
  }

  @Override
  public <T extends HasMetadata> Optional<T> get(Kind<T> kind, @Nullable String namespace, String name) {
    Scope<T> scope = scopes.of(kind, namespace);
    return calls.run(scope, scope.call("get", name), CallKind.READ,
        () -> Optional.ofNullable(scope.named(name).get()));
  }

  @Override
  public <T extends HasMetadata> List<T> list(Kind<T> kind, @Nullable String namespace, ListOption... options) {
    Scope<T> scope = scopes.of(kind, namespace);
    String selector = null;
    for (ListOption o : options) {
      if (o instanceof ListOption.LabelSelector s) {
        selector = s.selector();
      }
    }
    String labels = selector;
    return calls.run(scope, scope.call("list", null), CallKind.READ, () -> labels == null
        ? scope.collection().list().getItems()
        : scope.collection().withLabelSelector(labels).list().getItems());
  }

  @Override
  public <T extends HasMetadata> T apply(T object, ApplyOption... applyOptions) {
    Scope<T> scope = scopes.of(object);
    String manager = options.fieldManager();
    boolean force = false;
    boolean dryRun = false;
    for (ApplyOption o : applyOptions) {
      if (o instanceof ApplyOption.FieldManager m) {
        manager = m.manager();
      } else if (o == ApplyOption.Force.INSTANCE) {
        force = true;
      } else if (o == ApplyOption.DryRun.INSTANCE) {
        dryRun = true;
      }
    }
    String fieldManager = manager;
    boolean forced = force;
    boolean dry = dryRun;
    return calls.run(scope, scope.call("apply", object.getMetadata().getName()), CallKind.APPLY,
        () -> {
          // fabric8 sends PATCH with Content-Type application/apply-patch+yaml.
          ServerSideApplicable<T> ssa = dry
              ? scope.of(object).dryRun().fieldManager(fieldManager)
              : scope.of(object).fieldManager(fieldManager);
          return forced ? ssa.forceConflicts().serverSideApply() : ssa.serverSideApply();
        });
  }

  @Override
  public <T extends HasMetadata> T create(T object) {
    return creates.create(object);
  }

  @Override
  public <T extends HasMetadata> T update(T object, UnaryOperator<T> mutation) {
    return updates.update(object, mutation, false);
  }

  @Override
  public <T extends HasMetadata> T updateStatus(T object, UnaryOperator<T> mutation) {
    return updates.update(object, mutation, true);
  }

  @Override
  public <T extends HasMetadata> T patchStatus(T object) {
    Scope<T> scope = scopes.of(object);
    return calls.run(scope, scope.call("patch status", object.getMetadata().getName(), "status"),
        CallKind.MERGE_PATCH, () -> scope.of(object).patchStatus());
  }

  @Override
  public void delete(HasMetadata object, DeleteOption... deleteOptions) {
    deletions.delete(object, deleteOptions);
  }

  @Override
  public CachedReader cached() {
    return cache;
  }

  @Override
  public Discovery discovery() {
    return discovery;
  }

  @Override
  public void close() {
    cache.close();
    if (owned != null) {
      owned.close();
    }
  }

  private static void requireRetryOff(KubernetesClient client, String what) {
    Integer limit = client.getConfiguration().getRequestRetryBackoffLimit();
    if (limit != null && limit > 0) {
      throw new IllegalArgumentException(what + " has fabric8 request retry on (requestRetryBackoffLimit "
          + limit + "); Converge must be the only retry layer: build it from "
          + "ConvergeClient.withoutRetry(config) or use ConvergeClient.create(config, options)");
    }
  }
}
