package dev.converge.sandbox.select;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * FieldSelector is a parsed {@code fieldSelector} query: comma-separated {@code field=value},
 * {@code field==value} and {@code field!=value} terms over the labels a kind supports
 * (metadata.name and metadata.namespace for every kind, plus per-kind fields such as a Pod's
 * spec.nodeName). Backslash escapes {@code \,}, {@code \=} and {@code \\} in values.
 */
public final class FieldSelector {
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /** One term: a field label, whether it is negated, the value, and where the value is read. */
  public record Term(String field, boolean negated, String value, FieldLabels.Source source) {}

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * Parses a selector for one kind.
   *
   * @throws ApiException 400 BadRequest for bad syntax or "field label not supported: x"
   */
  public static FieldSelector forKind(String text, String group, String kind) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : splitTerms(text)) {
      if (part.isEmpty()) {
        continue;
      }
      Term raw = term(part);
      FieldLabels.Source source = FieldLabels.lookup(group, kind, raw.field());
      if (source == null) {
        throw ApiException.badRequest("field label not supported: " + raw.field());
      }
      terms.add(new Term(raw.field(), raw.negated(), raw.value(), source));
    }
    return new FieldSelector(terms);
  }

  /** Parses a selector over plain dotted paths, without per-kind checks (in-process callers). */
  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : splitTerms(text)) {
      if (!part.isEmpty()) {
        Term raw = term(part);
        terms.add(new Term(raw.field(), raw.negated(), raw.value(),
            new FieldLabels.Source(raw.field().split("\\."), "")));
      }
    }
    return new FieldSelector(terms);
  }

  public List<Term> terms() {
    return terms;
  }

  public boolean matches(ObjectNode object) {
    for (Term t : terms) {
      boolean equal = t.value().equals(FieldLabels.valueOf(object, t.source()));
      if (equal == t.negated()) {
        return false;
      }
    }
    return true;
  }

  private static Term term(String part) {
    int i = indexOfOperator(part);
    if (i < 0) {
      throw ApiException.badRequest("invalid selector: '" + part
          + "'; can't understand '" + part + "'");
    }
    String field = part.substring(0, i).trim();
    boolean negated = part.charAt(i) == '!';
    int valueStart = i + (part.startsWith("==", i) || negated ? 2 : 1);
    return new Term(field, negated, unescape(part.substring(valueStart).trim()), null);
  }

  /** The first unescaped '=' or '!=' in a term, or -1. */
  private static int indexOfOperator(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '=' || (c == '!' && part.startsWith("!=", i))) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitTerms(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        cur.append(c).append(text.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }

  private static String unescape(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        if (next != '\\' && next != ',' && next != '=') {
          throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\"
              + next);
        }
        sb.append(next);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
