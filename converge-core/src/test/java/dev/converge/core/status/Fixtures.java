package dev.converge.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fixtures parses inline YAML objects and runs the readiness model at a fixed instant. */
final class Fixtures {
  /** Every fixture pod started at 00:00; the default 30 s grace has long passed at NOW. */
  static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

  static final String POD_START = "2026-01-01T00:00:00Z";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Fixtures() {}

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad fixture YAML:\n" + text, e);
    }
  }

  static List<JsonNode> yamls(String... texts) {
    List<JsonNode> out = new ArrayList<>();
    for (String t : texts) {
      out.add(yaml(t));
    }
    return out;
  }

  static Readiness compute(String yaml, Related related) {
    return ReadinessModel.compute(yaml(yaml), related, NOW);
  }

  static Related pods(String... podYamls) {
    return Related.builder().pods(yamls(podYamls)).build();
  }

  /** A pod owned by {@code owner} (Kind/name) with one container waiting in {@code reason}. */
  static String waitingPod(
      String name, String owner, String startTime, String reason, String message) {
    String[] ko = owner.split("/");
    return """
    apiVersion: v1
    kind: Pod
    metadata: {name: %s, ownerReferences: [{kind: %s, name: %s}]}
    status:
      phase: Pending
      startTime: "%s"
      containerStatuses:
      - {name: app, image: "registry.example/app:v9", ready: false, state: {waiting: {reason: %s, message: "%s"}}}
    """
        .formatted(name, ko[0], ko[1], startTime, reason, message);
  }

  /** One row of a readiness table: an object, what it has around it, and what must come out. */
  record Case(
      String name, String yaml, Related related, Status status, String reason, String message) {

    static Case of(String name, String yaml, Status status, String reason, String message) {
      return new Case(name, yaml, Related.NONE, status, reason, message);
    }

    Case with(Related r) {
      return new Case(name, yaml, r, status, reason, message);
    }

    Readiness verify() {
      Readiness r = compute(yaml, related);
      assertThat(r.status()).as(r.oneLine()).isEqualTo(status);
      assertThat(r.reason()).as(r.oneLine()).isEqualTo(reason);
      assertThat(r.message()).as(r.oneLine()).contains(message);
      return r;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
