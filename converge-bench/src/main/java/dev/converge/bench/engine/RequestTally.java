package dev.converge.bench.engine;

import dev.converge.sandbox.controllers.ControllerManager;
import dev.converge.sandbox.faults.RequestCounts;
import dev.converge.sandbox.faults.RequestRecord;
import java.util.Map;
import java.util.Set;

/**
 * RequestTally counts the API requests one tool made between two snapshots of the sandbox's
 * request counts: every request except the simulated controllers' (tools run one at a time).
 * Writes are the verbs that change state; retries and failed attempts count, as they cost the
 * server the same.
 */
record RequestTally(long writes, long total) {
  static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");

  static Map<RequestRecord, Long> snapshot(RequestCounts counts) {
    return counts.snapshot();
  }

  static RequestTally between(Map<RequestRecord, Long> before, Map<RequestRecord, Long> after) {
    long writes = 0;
    long total = 0;
    for (Map.Entry<RequestRecord, Long> e : after.entrySet()) {
      RequestRecord r = e.getKey();
      if (ControllerManager.USER_AGENT.equals(r.client()) || RequestRecord.PENDING.equals(r.outcome())) {
        continue;
      }
      long n = e.getValue() - before.getOrDefault(r, 0L);
      total += n;
      if (WRITE_VERBS.contains(r.verb())) {
        writes += n;
      }
    }
    return new RequestTally(writes, total);
  }
}
