package dev.converge.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FaultSpec reads and writes the compact form of a {@link FaultRule} used on the command line
 * and by the admin endpoint: comma-separated {@code key=value} items and bare flags.
 *
 * <ul>
 *   <li>matchers: {@code verb=create} (several: {@code verb=get|list}), {@code path=/api/v1/**}
 *       (glob, or {@code regex:...}), {@code client=operator} (User-Agent prefix or
 *       {@code X-Converge-Client} value), {@code header=Name:value}
 *   <li>actions: {@code status=503}, {@code retry-after=2} (429 unless a status is given),
 *       {@code latency=200ms}, {@code reset}, {@code reset-after-commit} (the request is
 *       handled, then the connection reset instead of answering), {@code refuse} or {@code refuse=2s},
 *       {@code drop=5} (watch dropped after 5 events) or {@code drop=2s}, {@code watch-delay=2s}
 *   <li>how often: {@code count=3} (first 3 matches), {@code every=2} (every 2nd),
 *       {@code probability=0.1,seed=42}
 * </ul>
 *
 * <pre>{@code
 * FaultSpec.parse("verb=create,path=/api/v1/**,status=503,count=3");
 * FaultSpec.parse("path=/apis/apps/v1/**,watch-delay=2s,client=operator");
 * }</pre>
 */
public final class FaultSpec {
  /** How long {@code refuse} without a value stops accepting connections. */
  static final Duration DEFAULT_REFUSE = Duration.ofSeconds(1);

  private FaultSpec() {}

  public static FaultRule parse(String spec) {
    Map<String, String> items = new LinkedHashMap<>();
    for (String item : spec.split(",")) {
      String t = item.trim();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      String key = (eq < 0 ? t : t.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : t.substring(eq + 1).trim();
      if (items.put(key, value) != null) {
        throw new IllegalArgumentException("fault spec names " + key + " twice: " + spec);
      }
    }
    return parse(items);
  }

  /** Reads the items of a spec given as a map (e.g. the fields of a JSON object). */
  public static FaultRule parse(Map<String, String> items) {
    FaultRule.Builder b = FaultRule.builder();
    Integer status = null;
    Integer retryAfter = null;
    String seed = null;
    String probability = null;
    List<FaultAction> actions = new ArrayList<>();
    for (Map.Entry<String, String> e : items.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "verb", "verbs" -> {
          for (String verb : v.split("\\|")) {
            b.verbs(Verb.parse(verb));
          }
        }
        case "path" -> b.path(v);
        case "client" -> b.client(v);
        case "header" -> {
          int colon = v.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("header must be Name:value: " + v);
          }
          b.header(v.substring(0, colon).trim(), v.substring(colon + 1).trim());
        }
        case "status" -> status = integer(e.getKey(), v);
        case "retry-after" -> retryAfter = integer(e.getKey(), v);
        case "latency" -> actions.add(new FaultAction.Latency(Durations.parse(v)));
        case "reset" -> actions.add(new FaultAction.Reset());
        case "reset-after-commit" -> actions.add(new FaultAction.ResetAfterCommit());
        case "refuse", "refused" -> actions.add(new FaultAction.Refuse(
            v.isEmpty() ? DEFAULT_REFUSE : Durations.parse(v)));
        case "drop" -> actions.add(v.chars().allMatch(Character::isDigit) && !v.isEmpty()
            ? new FaultAction.DropWatch(Long.parseLong(v), null)
            : new FaultAction.DropWatch(0, Durations.parse(v)));
        case "watch-delay" -> actions.add(new FaultAction.DelayWatchEvents(Durations.parse(v)));
        case "count" -> b.count(integer(e.getKey(), v));
        case "every" -> b.every(integer(e.getKey(), v));
        case "probability" -> probability = v;
        case "seed" -> seed = v;
        default -> throw new IllegalArgumentException("unknown fault spec item \"" + e.getKey()
            + "\"; known: verb, path, client, header, status, retry-after, latency, reset, "
            + "reset-after-commit, refuse, drop, watch-delay, count, every, probability, seed");
      }
    }
    if (status != null || retryAfter != null) {
      actions.add(new FaultAction.Respond(status == null ? 429 : status, retryAfter));
    }
    if (actions.size() != 1) {
      throw new IllegalArgumentException("a fault spec needs exactly one action (status, "
          + "retry-after, latency, reset, reset-after-commit, refuse, drop or watch-delay); got " + actions.size());
    }
    b.action(actions.get(0));
    if (probability != null || seed != null) {
      double p = probability == null ? 1.0 : Double.parseDouble(probability);
      b.probability(p, seed == null ? 0 : Long.parseLong(seed));
    }
    return b.build();
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number: " + value, e);
    }
  }

  static String format(FaultRule rule) {
    List<String> items = new ArrayList<>();
    if (!rule.verbs().isEmpty()) {
      items.add("verb=" + String.join("|", rule.verbs().stream().sorted().map(Verb::lower)
          .toList()));
    }
    if (rule.path() != null) {
      items.add("path=" + rule.path());
    }
    if (rule.client() != null) {
      items.add("client=" + rule.client());
    }
    if (rule.headerName() != null) {
      items.add("header=" + rule.headerName() + ":" + rule.headerValue());
    }
    items.add(action(rule.action()));
    if (rule.count() > 0) {
      items.add("count=" + rule.count());
    }
    if (rule.every() > 0) {
      items.add("every=" + rule.every());
    }
    if (rule.probability() < 1.0 || rule.seed() != 0) {
      items.add("probability=" + rule.probability());
      items.add("seed=" + rule.seed());
    }
    return String.join(",", items);
  }

  private static String action(FaultAction action) {
    if (action instanceof FaultAction.Respond r) {
      return "status=" + r.code()
          + (r.retryAfterSeconds() == null ? "" : ",retry-after=" + r.retryAfterSeconds());
    } else if (action instanceof FaultAction.Latency l) {
      return "latency=" + Durations.format(l.delay());
    } else if (action instanceof FaultAction.Reset) {
      return "reset";
    } else if (action instanceof FaultAction.ResetAfterCommit) {
      return "reset-after-commit";
    } else if (action instanceof FaultAction.Refuse r) {
      return "refuse=" + Durations.format(r.period());
    } else if (action instanceof FaultAction.DropWatch d) {
      return "drop=" + (d.afterEvents() > 0 ? d.afterEvents() : Durations.format(d.after()));
    }
    return "watch-delay=" + Durations.format(((FaultAction.DelayWatchEvents) action).delay());
  }
}
