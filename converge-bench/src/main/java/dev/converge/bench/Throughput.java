package dev.converge.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Throughput measures completed API calls per second from concurrent, independent clients. */
public final class Throughput {
  /** One API call made by client {@code worker} on its {@code i}-th iteration. */
  public interface Call {
    void run(KubernetesClient client, int worker, long i);
  }

  /** Calls per second and calls that failed during the measured window. */
  public record Result(double perSecond, long errors) {}

  private Throughput() {}

  public static Result measure(Target target, int clients, Duration warmup, Duration window, Call call)
      throws InterruptedException {
    List<KubernetesClient> pool = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      pool.add(target.newClient());
    }
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      int worker = c;
      Thread t = new Thread(() -> {
        long i = 0;
        while (!stop.get()) {
          try {
            call.run(pool.get(worker), worker, i++);
            if (counting.get()) {
              done.incrementAndGet();
            }
          } catch (RuntimeException e) {
            if (counting.get()) {
              errors.incrementAndGet();
            }
          }
        }
        finished.countDown();
      }, "bench-client-" + c);
      t.setDaemon(true);
      t.start();
    }
    Thread.sleep(warmup.toMillis());
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long count = done.get();
    long elapsed = System.nanoTime() - start;
    counting.set(false);
    stop.set(true);
    finished.await();
    pool.forEach(KubernetesClient::close);
    return new Result(count / (elapsed / 1e9), errors.get());
  }
}
