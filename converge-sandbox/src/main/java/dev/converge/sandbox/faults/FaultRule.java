package dev.converge.sandbox.faults;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * FaultRule says which requests fail and how: matched by verb, path pattern and client, applied
 * to the first N matches, every Nth, or with a seeded probability. Immutable; build one with
 * {@link #builder()} or parse a compact spec with {@link FaultSpec#parse(String)}.
 *
 * <pre>{@code
 * FaultRule rule = FaultRule.builder().verbs(Verb.CREATE).path("/api/v1/**")
 *     .respond(503).count(3).build();
 * }</pre>
 */
public final class FaultRule {
  private final Set<Verb> verbs;
  private final PathPattern path;
  private final String client;
  private final String headerName;
  private final String headerValue;
  private final FaultAction action;
  private final long count;
  private final long every;
  private final double probability;
  private final long seed;

  private FaultRule(Builder b) {
    this.verbs = b.verbs.isEmpty() ? Set.of() : Set.copyOf(b.verbs);
    this.path = b.path;
    this.client = b.client;
    this.headerName = b.headerName;
    this.headerValue = b.headerValue;
    this.action = Objects.requireNonNull(b.action, "a fault rule needs an action");
    this.count = b.count;
    this.every = b.every;
    this.probability = b.probability;
    this.seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verbs matched; empty matches any. */
  public Set<Verb> verbs() {
    return verbs;
  }

  /** Path pattern, null for any path. */
  public PathPattern path() {
    return path;
  }

  /** User-Agent prefix or {@code X-Converge-Client} value, null for any client. */
  public String client() {
    return client;
  }

  public FaultAction action() {
    return action;
  }

  /** Applies at most {@code count} times (the first N hits); 0 for no limit. */
  public long count() {
    return count;
  }

  /** Applies to every Nth match only; 0 for every match. */
  public long every() {
    return every;
  }

  /** Chance that a match is applied, drawn from a generator seeded with {@link #seed()}. */
  public double probability() {
    return probability;
  }

  public long seed() {
    return seed;
  }

  /** Whether the request is one this rule is about (before count and probability). */
  public boolean matches(RequestView request) {
    if (!verbs.isEmpty() && !verbs.contains(request.verb())) {
      return false;
    }
    if (path != null && !path.matches(request.path())) {
      return false;
    }
    if (client != null && !request.userAgent().startsWith(client)
        && !client.equals(request.header().apply(RequestView.CLIENT_HEADER))) {
      return false;
    }
    return headerName == null || headerValue.equals(request.header().apply(headerName));
  }

  /** The compact spec that {@link FaultSpec#parse(String)} reads back to an equal rule. */
  public String toSpec() {
    return FaultSpec.format(this);
  }

  String headerName() {
    return headerName;
  }

  String headerValue() {
    return headerValue;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultRule r && r.toSpec().equals(toSpec());
  }

  @Override
  public int hashCode() {
    return toSpec().hashCode();
  }

  @Override
  public String toString() {
    return toSpec();
  }

  /** Builds a {@link FaultRule}; every matcher left unset matches anything. */
  public static final class Builder {
    private final Set<Verb> verbs = EnumSet.noneOf(Verb.class);
    private PathPattern path;
    private String client;
    private String headerName;
    private String headerValue;
    private FaultAction action;
    private long count;
    private long every;
    private double probability = 1.0;
    private long seed;

    private Builder() {}

    public Builder verbs(Verb... more) {
      verbs.addAll(Set.of(more));
      return this;
    }

    public Builder path(String pattern) {
      this.path = PathPattern.of(pattern);
      return this;
    }

    /** Matches requests whose User-Agent starts with {@code name} or that send it in
     * {@code X-Converge-Client}. */
    public Builder client(String name) {
      this.client = Objects.requireNonNull(name, "client == null");
      return this;
    }

    /** Matches requests that carry {@code name: value}. */
    public Builder header(String name, String value) {
      this.headerName = Objects.requireNonNull(name, "header name == null");
      this.headerValue = Objects.requireNonNull(value, "header value == null");
      return this;
    }

    public Builder action(FaultAction newAction) {
      this.action = newAction;
      return this;
    }

    /** Answers {@code code} (429 or 500-504) with a Status body. */
    public Builder respond(int code) {
      return action(new FaultAction.Respond(code, null));
    }

    /** Answers 429 TooManyRequests with {@code Retry-After: seconds}. */
    public Builder tooManyRequests(int retryAfterSeconds) {
      return action(new FaultAction.Respond(429, retryAfterSeconds));
    }

    public Builder latency(Duration delay) {
      return action(new FaultAction.Latency(delay));
    }

    public Builder reset() {
      return action(new FaultAction.Reset());
    }

    /** Handles the request, then resets the connection instead of answering. */
    public Builder resetAfterCommit() {
      return action(new FaultAction.ResetAfterCommit());
    }

    public Builder refuse(Duration period) {
      return action(new FaultAction.Refuse(period));
    }

    public Builder dropWatchAfterEvents(long events) {
      return action(new FaultAction.DropWatch(events, null));
    }

    public Builder dropWatchAfter(Duration after) {
      return action(new FaultAction.DropWatch(0, after));
    }

    public Builder watchDelay(Duration delay) {
      return action(new FaultAction.DelayWatchEvents(delay));
    }

    public Builder count(long firstN) {
      if (firstN < 0) {
        throw new IllegalArgumentException("count < 0: " + firstN);
      }
      this.count = firstN;
      return this;
    }

    public Builder every(long nth) {
      if (nth < 0) {
        throw new IllegalArgumentException("every < 0: " + nth);
      }
      this.every = nth;
      return this;
    }

    public Builder probability(double p, long newSeed) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be within [0, 1]: " + p);
      }
      this.probability = p;
      this.seed = newSeed;
      return this;
    }

    public FaultRule build() {
      return new FaultRule(this);
    }
  }
}
