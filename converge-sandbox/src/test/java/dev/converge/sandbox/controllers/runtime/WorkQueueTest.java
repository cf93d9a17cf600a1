package dev.converge.sandbox.controllers.runtime;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The work queue keeps client-go's guarantees with several workers: one key never runs on two
 * threads at once, a key added while it runs runs again afterwards (once, however many adds),
 * different keys run side by side, and pauses, extra delays and back-off hold as with one.
 */
@Timeout(30)
class WorkQueueTest {
  private static final String KIND = "things";

  private final Pauses pauses = new Pauses();
  private final ExecutorService adders = Executors.newFixedThreadPool(4);
  private ScheduledExecutorService workers;

  /** Global order of add-returned and run-started moments, to tell which came first. */
  private final AtomicLong ticks = new AtomicLong();
  private final Map<Key, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxPerKey = new AtomicInteger();
  private final AtomicInteger maxOverall = new AtomicInteger();
  private final Queue<Run> runs = new ConcurrentLinkedQueue<>();

  private record Run(Key key, long startTick, long startNanos) {}

  @AfterEach
  void stop() {
    adders.shutdownNow();
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  @Test
  void givenFourWorkers_whenOneKeyIsAddedManyTimesWhileItRuns_thenNoOverlapAndOneRunAfter()
      throws Exception {
    // given: the first run of the key blocks until the test lets it go
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WorkQueue queue = queue(4, key -> {
      entered.countDown();
      awaitBounded(release);
      return Optional.empty();
    });
    Key key = key("web");
    queue.add(key);
    assertThat(entered.await(5, SECONDS)).isTrue();

    // when: 4 threads add it 50 times each while it runs
    long lastAdd = addConcurrently(queue, List.of(key), 200);
    release.countDown();

    // then
    await().atMost(5, SECONDS).until(() -> latestStart(key) > lastAdd);
    await().during(300, MILLISECONDS).atMost(2, SECONDS).until(() -> runs.size() == 2);
    assertThat(maxPerKey).hasValue(1);
  }

  @Test
  void givenFourWorkers_whenTwoKeysAreAdded_thenBothAreInsideReconcileAtOnce() {
    // given: each run waits (bounded) until both keys are inside reconcile
    CountDownLatch bothInside = new CountDownLatch(2);
    Map<Key, Boolean> sawTheOther = new ConcurrentHashMap<>();
    WorkQueue queue = queue(4, key -> {
      bothInside.countDown();
      sawTheOther.put(key, awaitBounded(bothInside));
      return Optional.empty();
    });

    // when
    queue.add(key("a"));
    queue.add(key("b"));

    // then
    await().atMost(10, SECONDS).until(() -> sawTheOther.size() == 2);
    assertThat(sawTheOther).containsEntry(key("a"), true).containsEntry(key("b"), true);
  }

  @ParameterizedTest(name = "{0} worker(s)")
  @ValueSource(ints = {1, 4})
  void givenBurstsOfAddsForFewKeys_thenNoKeyOverlapsAndEachRunsAfterItsLastAdd(int n)
      throws Exception {
    // given: a reconciler that takes a little CPU, so runs have time to overlap
    List<Key> keys = List.of(key("k0"), key("k1"), key("k2"), key("k3"), key("k4"));
    WorkQueue queue = queue(n, key -> {
      for (int i = 0; i < 200; i++) {
        Thread.onSpinWait();
      }
      return Optional.empty();
    });

    // when
    Map<Key, Long> lastAdds = addRandomly(queue, keys, 2_000);

    // then
    await().atMost(10, SECONDS).untilAsserted(() -> lastAdds.forEach((k, lastAdd) ->
        assertThat(latestStart(k)).as("latest run of %s", k).isGreaterThan(lastAdd)));
    assertThat(maxPerKey).hasValue(1);
    if (n == 1) {
      assertThat(maxOverall).as("one worker runs one key at a time").hasValue(1);
    }
  }

  @Test
  void givenPausedKind_whenAdded_thenParkedUntilResumedAndUnparked() {
    // given
    pauses.pause(KIND);
    WorkQueue queue = queue(4, key -> Optional.empty());

    // when
    queue.add(key("web"));

    // then
    await().during(300, MILLISECONDS).atMost(2, SECONDS).until(runs::isEmpty);
    pauses.resume(KIND);
    queue.unpark();
    await().atMost(5, SECONDS).until(() -> runs.size() == 1);
  }

  @Test
  void givenSlowedKind_whenAdded_thenRunsNoSoonerThanTheExtraDelay() {
    // given
    pauses.slow(KIND, Duration.ofMillis(300));
    WorkQueue queue = queue(4, key -> Optional.empty());

    // when
    long added = System.nanoTime();
    queue.add(key("web"));

    // then
    await().atMost(5, SECONDS).until(() -> runs.size() == 1);
    assertThat(Duration.ofNanos(runs.peek().startNanos() - added))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void givenTwoFailuresThenConflict_whenRun_thenRetriedWithBackoffUntilItSucceeds() {
    // given: fails, fails again, conflicts, then succeeds
    AtomicInteger attempts = new AtomicInteger();
    WorkQueue queue = queue(4, key -> {
      switch (attempts.incrementAndGet()) {
        case 1, 2 -> throw new IllegalStateException("boom");
        case 3 -> throw new KubernetesClientException("conflict", 409, null);
        default -> {
          return Optional.empty();
        }
      }
    });

    // when
    queue.add(key("web"));

    // then: 100 ms, then 200 ms of back-off, then the 20 ms conflict retry
    await().atMost(5, SECONDS).until(() -> runs.size() == 4);
    List<Long> starts = runs.stream().map(Run::startNanos).toList();
    assertThat(Duration.ofNanos(starts.get(1) - starts.get(0)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(Duration.ofNanos(starts.get(2) - starts.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(Duration.ofNanos(starts.get(3) - starts.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(20));
    await().during(300, MILLISECONDS).atMost(2, SECONDS).until(() -> runs.size() == 4);
  }

  /** A queue over {@code n} workers whose reconciler records each run, then calls {@code body}. */
  private WorkQueue queue(int n, Function<Key, Optional<Duration>> body) {
    workers = Executors.newScheduledThreadPool(n);
    Reconciler recorder = new Reconciler() {
      @Override
      public String kind() {
        return KIND;
      }

      @Override
      public Optional<Duration> reconcile(String namespace, String name) {
        Key key = new Key(KIND, namespace, name);
        AtomicInteger mine = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        maxPerKey.accumulateAndGet(mine.incrementAndGet(), Math::max);
        maxOverall.accumulateAndGet(running.incrementAndGet(), Math::max);
        runs.add(new Run(key, ticks.incrementAndGet(), System.nanoTime()));
        try {
          return body.apply(key);
        } finally {
          running.decrementAndGet();
          mine.decrementAndGet();
        }
      }
    };
    return new WorkQueue(workers, pauses, Map.of(KIND, recorder));
  }

  /** Adds {@code keys} round robin from 4 threads; returns the tick after the last add. */
  private long addConcurrently(WorkQueue queue, List<Key> keys, int total) throws Exception {
    return addRandomly(queue, keys, total).values().stream().mapToLong(Long::longValue).max()
        .orElseThrow();
  }

  /** Adds random keys from 4 threads; returns, per key, the tick after its last add returned. */
  private Map<Key, Long> addRandomly(WorkQueue queue, List<Key> keys, int total)
      throws Exception {
    Map<Key, Long> lastAdds = new ConcurrentHashMap<>();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(adders.submit(() -> {
        for (int i = 0; i < total / 4; i++) {
          Key key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
          queue.add(key);
          lastAdds.merge(key, ticks.incrementAndGet(), Math::max);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(10, SECONDS);
    }
    return lastAdds;
  }

  private long latestStart(Key key) {
    return runs.stream().filter(r -> r.key().equals(key)).mapToLong(Run::startTick).max()
        .orElse(-1);
  }

  private static boolean awaitBounded(CountDownLatch latch) {
    try {
      return latch.await(5, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Key key(String name) {
    return new Key(KIND, "default", name);
  }
}
