package dev.converge.sandbox.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.select.SelectorLexer.Kind;
import dev.converge.sandbox.select.SelectorLexer.Token;
import dev.converge.sandbox.validation.NameRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * LabelSelector is a parsed {@code labelSelector} query: equality ({@code =}, {@code ==},
 * {@code !=}), set-based ({@code in}, {@code notin}), existence ({@code key}, {@code !key}) and
 * the numeric {@code gt}/{@code lt} forms ({@code key>3}), all of which must hold.
 */
public final class LabelSelector {
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** Operators of one requirement. */
  public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN,
    LESS_THAN }

  /** One requirement: a key, an operator and the values it compares against. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode v = labels == null ? null : labels.get(key);
      boolean has = v != null && !v.isNull();
      String value = has ? v.asText() : null;
      return switch (operator) {
        case EQUALS, IN -> has && values.contains(value);
        case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
        case EXISTS -> has;
        case DOES_NOT_EXIST -> !has;
        case GREATER_THAN, LESS_THAN -> has && compare(value);
      };
    }

    private boolean compare(String value) {
      try {
        long actual = Long.parseLong(value);
        long bound = Long.parseLong(values.iterator().next());
        return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /** @throws ApiException 400 BadRequest with the parser's message */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    try {
      return new LabelSelector(new Parser(SelectorLexer.tokens(text)).requirements());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
    }
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean isEverything() {
    return requirements.isEmpty();
  }

  /** Whether an object's {@code metadata.labels} satisfy every requirement. */
  public boolean matches(JsonNode labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** Recursive-descent parser over the token list, one method per grammar rule. */
  private static final class Parser {
    private final List<Token> tokens;
    private int pos;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    List<Requirement> requirements() {
      List<Requirement> out = new ArrayList<>();
      while (true) {
        out.add(requirement());
        Token next = take();
        if (next.kind() == Kind.END) {
          return out;
        }
        if (next.kind() != Kind.COMMA) {
          throw new IllegalArgumentException("found '" + next.text()
              + "', expected: ',' or 'end of string'");
        }
      }
    }

    private Requirement requirement() {
      Token first = take();
      if (first.kind() == Kind.BANG) {
        Token key = take();
        if (key.kind() != Kind.IDENTIFIER) {
          throw new IllegalArgumentException("found '" + key.text()
              + "', expected: identifier after '!'");
        }
        return new Requirement(validKey(key.text()), Operator.DOES_NOT_EXIST, Set.of());
      }
      if (first.kind() != Kind.IDENTIFIER) {
        throw new IllegalArgumentException("found '" + first.text() + "', expected: identifier");
      }
      String key = validKey(first.text());
      Token op = peek();
      if (op.kind() == Kind.COMMA || op.kind() == Kind.END) {
        return new Requirement(key, Operator.EXISTS, Set.of());
      }
      take();
      return switch (op.kind()) {
        case EQUALS, DOUBLE_EQUALS -> new Requirement(key, Operator.EQUALS, Set.of(value()));
        case NOT_EQUALS -> new Requirement(key, Operator.NOT_EQUALS, Set.of(value()));
        case IN -> new Requirement(key, Operator.IN, set());
        case NOT_IN -> new Requirement(key, Operator.NOT_IN, set());
        case GREATER, LESS -> numeric(key, op);
        default -> throw new IllegalArgumentException("found '" + op.text()
            + "', expected: in, notin, =, ==, !=, gt, lt");
      };
    }

    private Requirement numeric(String key, Token op) {
      String bound = value();
      try {
        Long.parseLong(bound);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "for 'Gt', 'Lt' operators, the value must be an integer");
      }
      return new Requirement(key, op.kind() == Kind.GREATER ? Operator.GREATER_THAN
          : Operator.LESS_THAN, Set.of(bound));
    }

    private String value() {
      Token t = peek();
      if (t.kind() == Kind.COMMA || t.kind() == Kind.END) {
        return "";
      }
      take();
      if (t.kind() != Kind.IDENTIFIER && t.kind() != Kind.IN && t.kind() != Kind.NOT_IN) {
        throw new IllegalArgumentException("found '" + t.text() + "', expected: identifier");
      }
      return validValue(t.text());
    }

    private Set<String> set() {
      Token open = take();
      if (open.kind() != Kind.OPEN) {
        throw new IllegalArgumentException("found '" + open.text() + "', expected: '('");
      }
      Set<String> values = new LinkedHashSet<>();
      if (peek().kind() == Kind.CLOSE) {
        take();
        values.add("");
        return values;
      }
      while (true) {
        Token v = take();
        if (v.kind() != Kind.IDENTIFIER && v.kind() != Kind.IN && v.kind() != Kind.NOT_IN) {
          throw new IllegalArgumentException("found '" + v.text()
              + "', expected: ',', ')' or identifier");
        }
        values.add(validValue(v.text()));
        Token sep = take();
        if (sep.kind() == Kind.CLOSE) {
          return values;
        }
        if (sep.kind() != Kind.COMMA) {
          throw new IllegalArgumentException("found '" + sep.text() + "', expected: ',' or ')'");
        }
      }
    }

    private static String validKey(String key) {
      List<String> errors = NameRules.qualifiedName(key);
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException("key: Invalid value: \"" + key + "\": "
            + errors.get(0));
      }
      return key;
    }

    private static String validValue(String value) {
      List<String> errors = NameRules.labelValue(value);
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException("values[0][" + value + "]: Invalid value: \"" + value
            + "\": " + errors.get(0));
      }
      return value;
    }

    private Token take() {
      return tokens.get(Math.min(pos++, tokens.size() - 1));
    }

    private Token peek() {
      return tokens.get(Math.min(pos, tokens.size() - 1));
    }
  }
}
