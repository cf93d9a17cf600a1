package dev.converge.sandbox.select;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import java.util.ArrayList;
import java.util.List;

/** FieldSelector is a parsed {@code fieldSelector} query over metadata.name and metadata.namespace. */
public final class FieldSelector {
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private record Term(String field, String value, boolean negated) {}

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",")) {
      boolean neg = part.contains("!=");
      String[] kv = part.split(neg ? "!=" : "==?", 2);
      if (kv.length != 2) {
        throw ApiException.badRequest("invalid field selector: " + part);
      }
      terms.add(new Term(kv[0].trim(), kv[1].trim(), neg));
    }
    return new FieldSelector(terms);
  }

  public boolean matches(ObjectNode object) {
    for (Term t : terms) {
      String[] path = t.field().split("\\.");
      String actual = Json.textAt(object, path);
      boolean eq = t.value().equals(actual == null ? "" : actual);
      if (eq == t.negated()) {
        return false;
      }
    }
    return true;
  }
}
