package dev.converge.cli.render;

import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.nio.charset.StandardCharsets;

/**
 * Redactor blanks Secret values out of any text the CLI prints: the engine never reports Secret
 * data, and this is the second line of defence should a server message or diff quote one. It knows
 * each value in plain and base64 form.
 */
public final class Redactor {
  public static final Redactor NONE = new Redactor(List.of());
  static final String MASK = "[redacted]";
  /** Shorter values ("true", "1") would blank unrelated words; they are not secrets worth hiding. */
  static final int MIN_LENGTH = 6;

  private final List<String> values;

  private Redactor(List<String> values) {
    this.values = values;
  }

  /**
   * A redactor for these Secret values, given in plain text ({@code stringData}, decoded
   * {@code data}); their base64 forms are hidden too.
   */
  public static Redactor of(Collection<String> plainValues) {
    Set<String> all = new LinkedHashSet<>();
    for (String v : plainValues) {
      if (v.length() >= MIN_LENGTH) {
        all.add(v);
        all.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
      }
      // Multi-line values (keys, certificates) also leak line by line.
      for (String line : v.split("\n")) {
        if (line.strip().length() >= MIN_LENGTH) {
          all.add(line.strip());
        }
      }
    }
    // Longest first, so a value containing another is masked whole.
    return new Redactor(all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  public String scrub(String text) {
    String out = text;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    return out;
  }
}
