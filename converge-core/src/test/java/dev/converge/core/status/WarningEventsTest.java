package dev.converge.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.kinds.WarningEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WarningEventsTest {
  static final String CLAIM =
      """
      {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data, uid: u-2}, status: {phase: Pending}}\
      """;

  @Test
  void givenBothEventShapes_whenCollected_thenNewestFirstWithSeriesCounts() {
    // given: a core/v1 event, an events.k8s.io/v1 event with a series, fractional and offset times
    Related related =
        Related.builder()
            .events(
                Fixtures.yamls(
                    """
                    {type: Warning, reason: ProvisioningFailed, message: "no capacity", count: 2,
                     lastTimestamp: "2026-01-01T00:01:00Z", involvedObject: {kind: PersistentVolumeClaim, name: data, uid: u-2}}\
                    """,
                    """
                    {type: Warning, reason: FailedBinding, note: "no volume", series: {count: 5, lastObservedTime: "2026-01-01T01:02:00.500000+01:00"},
                     regarding: {kind: PersistentVolumeClaim, name: data}}\
                    """))
            .build();
    // when
    List<WarningEvent> warnings = WarningEvents.about(Fixtures.yaml(CLAIM), related);
    // then
    assertThat(warnings)
        .extracting(WarningEvent::oneLine)
        .containsExactly(
            "PersistentVolumeClaim/data FailedBinding: no volume (x5)",
            "PersistentVolumeClaim/data ProvisioningFailed: no capacity (x2)");
    assertThat(warnings.get(0).lastSeen()).isEqualTo(Instant.parse("2026-01-01T00:02:00.5Z"));
  }

  @Test
  void givenEventOfAnEarlierObjectWithTheSameName_whenCollected_thenIgnored() {
    // given: uid u-1 was a previous claim named data
    Related related =
        Related.builder()
            .events(
                Fixtures.yamls(
                    "{type: Warning, reason: Old, message: m, involvedObject: {kind:"
                        + " PersistentVolumeClaim, name: data, uid: u-1}}"))
            .build();
    // when / then
    assertThat(WarningEvents.about(Fixtures.yaml(CLAIM), related)).isEmpty();
  }

  @Test
  void givenMoreWarningsThanTheLimit_whenCollected_thenOnlyTheNewestKept() {
    // given
    List<String> events = new ArrayList<>();
    for (int i = 0; i <= WarningEvents.MAX_WARNINGS; i++) {
      events.add(
          "{type: Warning, reason: R%d, message: m, lastTimestamp: \"2026-01-01T00:00:%02dZ\", involvedObject: {kind: PersistentVolumeClaim, name: data}}"
              .formatted(i, i));
    }
    Related related =
        Related.builder().events(Fixtures.yamls(events.toArray(String[]::new))).build();
    // when
    List<WarningEvent> warnings = WarningEvents.about(Fixtures.yaml(CLAIM), related);
    // then: the oldest (R0) is dropped
    assertThat(warnings).hasSize(WarningEvents.MAX_WARNINGS);
    assertThat(warnings.get(0).reason()).isEqualTo("R" + WarningEvents.MAX_WARNINGS);
    assertThat(warnings).extracting(WarningEvent::reason).doesNotContain("R0");
  }

  @Test
  void givenPendingClaimWithWarnings_whenComputed_thenWarningsAttachedToTheResult() {
    // given
    Related related =
        Related.builder()
            .events(
                Fixtures.yamls(
                    "{type: Warning, reason: ProvisioningFailed, message: m, involvedObject: {kind:"
                        + " PersistentVolumeClaim, name: data}}"))
            .build();
    // when
    Readiness r = Fixtures.compute(CLAIM, related);
    // then
    assertThat(r.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(r.warnings()).extracting(WarningEvent::reason).containsExactly("ProvisioningFailed");
  }
}
