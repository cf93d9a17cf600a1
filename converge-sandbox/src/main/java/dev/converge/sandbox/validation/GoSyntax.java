package dev.converge.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * GoSyntax prints values the way Go's {@code %q} and {@code %#v} do, for the few API error
 * messages whose Go rendering clients match on (notably the immutable label selector).
 */
final class GoSyntax {
  private GoSyntax() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** {@code v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:...}}. */
  static String labelSelector(JsonNode selector) {
    StringBuilder sb = new StringBuilder("v1.LabelSelector{MatchLabels:");
    JsonNode labels = selector.get("matchLabels");
    if (labels == null || labels.isNull()) {
      sb.append("map[string]string(nil)");
    } else {
      List<String> keys = new ArrayList<>();
      labels.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      sb.append("map[string]string{");
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(quote(keys.get(i))).append(':')
            .append(quote(labels.get(keys.get(i)).asText()));
      }
      sb.append('}');
    }
    sb.append(", MatchExpressions:");
    JsonNode exprs = selector.get("matchExpressions");
    if (exprs == null || exprs.isNull()) {
      sb.append("[]v1.LabelSelectorRequirement(nil)");
    } else {
      sb.append("[]v1.LabelSelectorRequirement{");
      for (Iterator<JsonNode> it = exprs.elements(); it.hasNext(); ) {
        JsonNode e = it.next();
        sb.append("v1.LabelSelectorRequirement{Key:").append(quote(e.path("key").asText()))
            .append(", Operator:").append(quote(e.path("operator").asText())).append(", Values:");
        JsonNode values = e.get("values");
        if (values == null || values.isNull()) {
          sb.append("[]string(nil)");
        } else {
          sb.append("[]string{");
          int i = 0;
          for (JsonNode v : values) {
            sb.append(i++ == 0 ? "" : ", ").append(quote(v.asText()));
          }
          sb.append('}');
        }
        sb.append('}').append(it.hasNext() ? ", " : "");
      }
      sb.append('}');
    }
    return sb.append('}').toString();
  }
}
