package dev.converge.core.it.status;

import dev.converge.core.errors.ObjectRef;
import dev.converge.core.status.Readiness;
import dev.converge.core.status.Status;
import dev.converge.core.status.wait.ReadinessEvent;
import dev.converge.core.status.wait.ReadinessListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** WaitRecorder keeps every readiness event of a wait, for assertions on what was reported. */
final class WaitRecorder implements ReadinessListener {
  private final List<ReadinessEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onChange(ReadinessEvent event) {
    events.add(event);
  }

  List<ReadinessEvent> events() {
    return List.copyOf(events);
  }

  /** The statuses reported for {@code ref}, in order. */
  List<Status> statuses(ObjectRef ref) {
    return events.stream().filter(e -> e.ref().equals(ref)).map(e -> e.readiness().status()).toList();
  }

  /** The latest readiness reported for {@code ref}, or null before the first. */
  Readiness latest(ObjectRef ref) {
    Readiness last = null;
    for (ReadinessEvent e : events) {
      if (e.ref().equals(ref)) {
        last = e.readiness();
      }
    }
    return last;
  }
}
