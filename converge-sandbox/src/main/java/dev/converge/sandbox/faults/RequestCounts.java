package dev.converge.sandbox.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RequestCounts counts every request the sandbox's API served, by verb, resource, namespace,
 * client and outcome, exactly, so tests can assert call counts ("exactly one POST"). A request
 * is counted when it arrives (outcome {@code pending}) and moved to its outcome when answered,
 * before the client can see the answer.
 *
 * <pre>{@code
 * sandbox.requests().reset();
 * client.configMaps().inNamespace("a").resource(cm).create();
 * assertThat(sandbox.requests().count("create", "configmaps")).isEqualTo(1);
 * }</pre>
 */
public final class RequestCounts {
  private final Map<RequestRecord, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  /** One counted request whose outcome is still to come. */
  public final class Pending {
    private final long countedIn;
    private RequestRecord record;

    private Pending(RequestRecord record, long countedIn) {
      this.record = record;
      this.countedIn = countedIn;
    }

    /** Records the outcome; only the first call counts. */
    public synchronized void finish(String outcome) {
      if (!record.outcome().equals(RequestRecord.PENDING) || generation.get() != countedIn) {
        return;
      }
      RequestRecord done = record.withOutcome(outcome);
      add(done, 1);
      add(record, -1);
      record = done;
    }
  }

  /** Counts a request as pending until {@link Pending#finish(String)}. */
  public Pending begin(RequestRecord request) {
    RequestRecord pending = request.withOutcome(RequestRecord.PENDING);
    long counted = generation.get();
    add(pending, 1);
    return new Pending(pending, counted);
  }

  private void add(RequestRecord key, long delta) {
    counts.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(delta);
  }

  /** Requests with this verb (e.g. {@code create}) on {@code plural} or {@code group/plural}. */
  public long count(String verb, String resource) {
    return count(RequestQuery.all().verb(verb).resource(resource));
  }

  public long count(Verb verb, String resource) {
    return count(verb.lower(), resource);
  }

  public long count(RequestQuery query) {
    long n = 0;
    for (Map.Entry<RequestRecord, AtomicLong> e : counts.entrySet()) {
      if (query.matches(e.getKey())) {
        n += e.getValue().get();
      }
    }
    return n;
  }

  public long total() {
    return count(RequestQuery.all());
  }

  /** Every non-zero count, ordered by verb, resource and outcome. */
  public Map<RequestRecord, Long> snapshot() {
    Map<RequestRecord, Long> out = new TreeMap<>(java.util.Comparator
        .comparing(RequestRecord::groupResource).thenComparing(RequestRecord::subresource)
        .thenComparing(RequestRecord::verb).thenComparing(RequestRecord::namespace)
        .thenComparing(RequestRecord::client).thenComparing(RequestRecord::outcome));
    counts.forEach((k, v) -> {
      if (v.get() != 0) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  /** Forgets every count, including those of requests still in flight. */
  public void reset() {
    generation.incrementAndGet();
    counts.clear();
  }
}
