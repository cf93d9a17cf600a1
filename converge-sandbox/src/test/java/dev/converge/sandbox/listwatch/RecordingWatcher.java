package dev.converge.sandbox.listwatch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test watcher that records "ACTION name" lines and how the watch closed. */
final class RecordingWatcher<T extends HasMetadata> implements Watcher<T> {
  final List<String> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<WatcherException> closed = new CompletableFuture<>();

  @Override
  public void eventReceived(Action action, T resource) {
    events.add(action + " " + resource.getMetadata().getName());
  }

  @Override
  public void onClose(WatcherException cause) {
    closed.complete(cause);
  }

  @Override
  public void onClose() {
    closed.complete(null);
  }
}
