package dev.converge.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultSpecTest {
  @Test
  void givenSpecs_thenTheyParseAndFormatBackToEqualRules() {
    for (String spec : List.of("verb=create,path=/api/v1/**,status=503,count=3",
        "verb=get|list,reset,probability=0.1,seed=42", "path=/apis/**,latency=200ms",
        "status=429,retry-after=2", "path=/apis/apps/v1/**,client=operator,watch-delay=2s",
        "verb=watch,drop=5", "verb=watch,drop=2s", "refuse=3s", "header=X-Team:a,status=500")) {
      FaultRule rule = FaultSpec.parse(spec);
      assertThat(FaultSpec.parse(rule.toSpec())).as(spec).isEqualTo(rule);
    }
  }

  @Test
  void givenRetryAfterAlone_thenItIsA429() {
    FaultRule rule = FaultSpec.parse("retry-after=2");

    assertThat(rule.action()).isEqualTo(new FaultAction.Respond(429, 2));
  }

  @Test
  void givenWatchDelaySpec_thenMatchersAndActionAreRead() {
    FaultRule rule = FaultSpec.parse("path=/apis/apps/v1/**,watch-delay=2s,client=operator");

    assertThat(rule.action()).isEqualTo(new FaultAction.DelayWatchEvents(Duration.ofSeconds(2)));
    assertThat(rule.matches(view(Verb.WATCH, "/apis/apps/v1/namespaces/a/statefulsets",
        Map.of("User-Agent", "operator/1.2")))).isTrue();
    assertThat(rule.matches(view(Verb.WATCH, "/apis/apps/v1/namespaces/a/statefulsets",
        Map.of(RequestView.CLIENT_HEADER, "operator")))).isTrue();
    assertThat(rule.matches(view(Verb.WATCH, "/apis/apps/v1/namespaces/a/statefulsets",
        Map.of("User-Agent", "kubectl/1.33")))).isFalse();
    assertThat(rule.matches(view(Verb.WATCH, "/api/v1/pods", Map.of("User-Agent",
        "operator")))).isFalse();
  }

  @Test
  void givenGlobs_thenStarIsOneSegmentAndDoubleStarAny() {
    PathPattern p = PathPattern.of("/apis/apps/v1/namespaces/*/statefulsets/**");

    assertThat(p.matches("/apis/apps/v1/namespaces/a/statefulsets")).isTrue();
    assertThat(p.matches("/apis/apps/v1/namespaces/a/statefulsets/web/status")).isTrue();
    assertThat(p.matches("/apis/apps/v1/namespaces/a/b/statefulsets")).isFalse();
    assertThat(PathPattern.of("regex:/api/v1/namespaces/[a-z]+").matches("/api/v1/namespaces/x"))
        .isTrue();
  }

  @Test
  void givenBadSpecs_thenTheErrorSaysWhatIsWrong() {
    assertThatThrownBy(() -> FaultSpec.parse("verb=create")).hasMessageContaining("one action");
    assertThatThrownBy(() -> FaultSpec.parse("status=404")).hasMessageContaining("429 or 500");
    assertThatThrownBy(() -> FaultSpec.parse("status=503,colour=red"))
        .hasMessageContaining("unknown fault spec item \"colour\"");
    assertThatThrownBy(() -> FaultSpec.parse("verb=fly,reset")).hasMessageContaining("verb");
    assertThatThrownBy(() -> FaultSpec.parse("latency=soon")).hasMessageContaining("duration");
  }

  @Test
  void givenSeed_thenDecisionsRepeatAndDifferentSeedsDiffer() {
    assertThat(decisions(42)).isEqualTo(decisions(42));
    assertThat(decisions(42)).isNotEqualTo(decisions(7));
  }

  @Test
  void givenCountWithEvery_thenEveryNthHitsUntilTheCount() {
    ActiveRule rule = new ActiveRule(new FaultHandle(1), FaultSpec.parse("reset,every=3,count=2"));
    List<Boolean> hits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      hits.add(rule.hit());
    }
    assertThat(hits).containsExactly(false, false, true, false, false, true,
        false, false, false, false, false, false);
    assertThat(rule.matched()).isEqualTo(12);
    assertThat(rule.applied()).isEqualTo(2);
  }

  private static List<Boolean> decisions(long seed) {
    ActiveRule rule = new ActiveRule(new FaultHandle(1),
        FaultSpec.parse("status=503,probability=0.5,seed=" + seed));
    List<Boolean> hits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      hits.add(rule.hit());
    }
    return hits;
  }

  private static RequestView view(Verb verb, String path, Map<String, String> headers) {
    return new RequestView(verb, path, headers::get);
  }
}
