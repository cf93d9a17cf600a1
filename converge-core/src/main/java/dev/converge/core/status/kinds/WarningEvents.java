package dev.converge.core.status.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.core.status.Related;
import dev.converge.core.status.WarningEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WarningEvents picks the Warning events about an object and its pods out of the related events,
 * newest first. Both core/v1 ({@code involvedObject}, {@code message}) and events.k8s.io/v1 ({@code
 * regarding}, {@code note}) shapes are understood.
 */
public final class WarningEvents {

  /** A report line per event; past this many, older warnings are repetition, not information. */
  public static final int MAX_WARNINGS = 20;

  private WarningEvents() {}

  public static List<WarningEvent> about(JsonNode obj, Related related) {
    if (related.events().isEmpty()) {
      return List.of();
    }
    String kind = Fields.text(obj, "kind");
    String name = Fields.name(obj);
    String uid = Fields.text(obj, "metadata", "uid");
    Set<String> podNames = new HashSet<>();
    for (JsonNode pod : related.pods()) {
      podNames.add(Fields.name(pod));
    }
    List<WarningEvent> out = new ArrayList<>();
    for (JsonNode event : related.events()) {
      if (!"Warning".equals(Fields.text(event, "type"))) {
        continue;
      }
      JsonNode subject = Fields.at(event, "involvedObject");
      if (subject.isMissingNode()) {
        subject = Fields.at(event, "regarding");
      }
      String subjectKind = Fields.text(subject, "kind");
      String subjectName = Fields.text(subject, "name");
      String subjectUid = Fields.text(subject, "uid");
      // A uid mismatch means an earlier object of the same name: its events are history.
      boolean aboutObject =
          kind.equals(subjectKind)
              && name.equals(subjectName)
              && (uid.isEmpty() || subjectUid.isEmpty() || uid.equals(subjectUid));
      boolean aboutPod = "Pod".equals(subjectKind) && podNames.contains(subjectName);
      if (aboutObject || aboutPod) {
        out.add(toWarning(event, subjectKind, subjectName));
      }
    }
    out.sort(Comparator.comparing(WarningEvent::lastSeen).reversed());
    return out.size() > MAX_WARNINGS ? out.subList(0, MAX_WARNINGS) : out;
  }

  private static WarningEvent toWarning(JsonNode event, String kind, String name) {
    String message = Fields.text(event, "message");
    if (message.isEmpty()) {
      message = Fields.text(event, "note");
    }
    long count = Fields.count(event, Fields.count(event, 1, "series", "count"), "count");
    return new WarningEvent(
        kind,
        name,
        Fields.text(event, "reason"),
        message,
        (int) Math.max(1, count),
        lastSeen(event));
  }

  private static Instant lastSeen(JsonNode event) {
    for (String[] path :
        new String[][] {
          {"series", "lastObservedTime"},
          {"lastTimestamp"},
          {"eventTime"},
          {"firstTimestamp"},
          {"metadata", "creationTimestamp"}
        }) {
      Instant t = Fields.time(event, path);
      if (t != null) {
        return t;
      }
    }
    return Instant.EPOCH;
  }
}
