package dev.converge.rollout.reliability;

import java.util.Locale;

/**
 * One kind of failure injected into the operator's own requests, as a sandbox fault spec at a rate
 * with a fixed seed. {@code client=} limits it to the operator's User-Agent, so the test's own
 * client and the simulated controllers see a healthy API server.
 */
enum RolloutFault {
  THROTTLED_429("429 with Retry-After: 1 s", "path=regex:/apis?(/.*)?,status=429,retry-after=1"),
  SERVER_ERROR_503("503 Service Unavailable", "path=regex:/apis?(/.*)?,status=503"),
  RESET_BEFORE("connection reset before the server acts", "path=regex:/apis?(/.*)?,reset"),
  RESET_AFTER_COMMIT("connection reset after the write committed",
      "verb=create|update|patch|delete,path=regex:/apis?(/.*)?,reset-after-commit"),
  REFUSED("connections refused for 300 ms", "path=regex:/apis?(/.*)?,refuse=300ms"),
  WATCH_DROPPED("watches dropped after 1 event", "verb=watch,path=regex:/apis?(/.*)?,drop=1"),
  CACHE_LAG_2S("watch events delayed 2 s (cache lag)",
      "verb=watch,path=regex:/apis?(/.*)?,watch-delay=2s");

  private final String description;
  private final String spec;

  RolloutFault(String description, String spec) {
    this.description = description;
    this.spec = spec;
  }

  String description() {
    return description;
  }

  /** The sandbox fault spec at {@code rate} (0..1) with {@code seed}, for {@code client} only. */
  String spec(double rate, long seed, String client) {
    return spec + ",client=" + client + ",probability="
        + String.format(Locale.ROOT, "%.2f", rate) + ",seed=" + seed;
  }
}
