package dev.converge.sandbox.select;

import java.util.ArrayList;
import java.util.List;

/** SelectorLexer splits a label selector into tokens, as the Kubernetes labels lexer does. */
final class SelectorLexer {
  /** Token kinds of the label selector grammar. */
  enum Kind { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, BANG,
    OPEN, CLOSE, COMMA, END }

  record Token(Kind kind, String text) {}

  private SelectorLexer() {}

  static List<Token> tokens(String input) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        out.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA,
            String.valueOf(c)));
        i++;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        boolean twoChar = i + 1 < input.length() && input.charAt(i + 1) == '='
            && (c == '=' || c == '!');
        Kind kind = switch (c) {
          case '=' -> twoChar ? Kind.DOUBLE_EQUALS : Kind.EQUALS;
          case '!' -> twoChar ? Kind.NOT_EQUALS : Kind.BANG;
          case '<' -> Kind.LESS;
          default -> Kind.GREATER;
        };
        out.add(new Token(kind, input.substring(i, i + (twoChar ? 2 : 1))));
        i += twoChar ? 2 : 1;
      } else {
        int start = i;
        while (i < input.length() && !isSpecial(input.charAt(i))) {
          i++;
        }
        String word = input.substring(start, i);
        Kind kind = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN
            : Kind.IDENTIFIER;
        out.add(new Token(kind, word));
      }
    }
    out.add(new Token(Kind.END, ""));
    return out;
  }

  private static boolean isSpecial(char c) {
    return Character.isWhitespace(c) || "(),=!<>".indexOf(c) >= 0;
  }
}
