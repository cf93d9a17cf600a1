package dev.converge.core.client;

import dev.converge.core.retry.Retrier;
import dev.converge.core.retry.RetryPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ConvergeClient} behaves; immutable, defaults documented per field and set in one place
 * ({@link #DEFAULTS}). Variants come from {@link #toBuilder()} or {@link #with(Consumer)}.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.DEFAULTS.with(b -> b.fieldManager("my-operator"));
 * }</pre>
 */
public final class ClientOptions {

  /** The field manager Converge applies as (DESIGN.md §4). */
  public static final String DEFAULT_FIELD_MANAGER = "converge";
  /** How long the first cached read waits for its informer's initial list. */
  public static final Duration DEFAULT_CACHE_SYNC_TIMEOUT = Duration.ofSeconds(30);

  /** Field manager {@value #DEFAULT_FIELD_MANAGER}, {@link RetryPolicy#DEFAULT}, 30 s cache sync. */
  public static final ClientOptions DEFAULTS = new Builder().build();

  private final String fieldManager;
  private final Retrier retrier;
  private final Duration cacheSyncTimeout;
  private final @Nullable KubernetesClient informerClient;

  private ClientOptions(Builder b) {
    this.fieldManager = b.fieldManager;
    this.retrier = b.retrier;
    this.cacheSyncTimeout = b.cacheSyncTimeout;
    this.informerClient = b.informerClient;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy changed by {@code change}. */
  public ClientOptions with(Consumer<Builder> change) {
    Builder b = toBuilder();
    change.accept(b);
    return b.build();
  }

  public String fieldManager() {
    return fieldManager;
  }

  /** Runs every API call; the only retry layer. */
  public Retrier retrier() {
    return retrier;
  }

  public Duration cacheSyncTimeout() {
    return cacheSyncTimeout;
  }

  /** The client informers use, when it is not the main client (e.g. another User-Agent). */
  public Optional<KubernetesClient> informerClient() {
    return Optional.ofNullable(informerClient);
  }

  /** Builds {@link ClientOptions}; validates eagerly. */
  public static final class Builder {
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private Retrier retrier = Retrier.of(RetryPolicy.DEFAULT);
    private Duration cacheSyncTimeout = DEFAULT_CACHE_SYNC_TIMEOUT;
    private @Nullable KubernetesClient informerClient;

    private Builder() {}

    private Builder(ClientOptions o) {
      fieldManager = o.fieldManager;
      retrier = o.retrier;
      cacheSyncTimeout = o.cacheSyncTimeout;
      informerClient = o.informerClient;
    }

    public Builder fieldManager(String value) {
      Objects.requireNonNull(value, "fieldManager == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException("fieldManager is blank");
      }
      fieldManager = value;
      return this;
    }

    public Builder retrier(Retrier value) {
      retrier = Objects.requireNonNull(value, "retrier == null");
      return this;
    }

    /** Shorthand for a {@link Retrier} with {@code policy}, the system clock and real sleeps. */
    public Builder retryPolicy(RetryPolicy policy) {
      return retrier(Retrier.of(Objects.requireNonNull(policy, "policy == null")));
    }

    public Builder cacheSyncTimeout(Duration value) {
      Objects.requireNonNull(value, "cacheSyncTimeout == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("cacheSyncTimeout <= 0: " + value);
      }
      cacheSyncTimeout = value;
      return this;
    }

    /** Informers use {@code client}; its fabric8 request retry must be off too. */
    public Builder informerClient(KubernetesClient client) {
      informerClient = Objects.requireNonNull(client, "informerClient == null");
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(this);
    }
  }
}
