package dev.converge.sandbox.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * StaticTokens reads token users from the command line ({@code TOKEN=USER[:GROUP1,GROUP2]}) and
 * from kube-apiserver's static token file: CSV lines {@code token,user,uid,"group1,group2"}
 * where the groups column is optional. Errors name the file and line.
 */
public final class StaticTokens {
  private StaticTokens() {}

  /** Parses {@code TOKEN=USER[:GROUP1,GROUP2]}. */
  public static StaticToken parseSpec(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("token \"" + spec
          + "\" is not TOKEN=USER[:GROUP1,GROUP2]");
    }
    String token = spec.substring(0, eq);
    String rest = spec.substring(eq + 1);
    int colon = rest.indexOf(':');
    // Groups such as system:masters contain colons, so the user ends at the first one (a user
    // name with a colon needs the token file).
    String user = colon < 0 ? rest : rest.substring(0, colon);
    String groups = colon < 0 ? "" : rest.substring(colon + 1);
    if (user.isEmpty()) {
      throw new IllegalArgumentException("token \"" + spec + "\" names no user");
    }
    return new StaticToken(token, user, "", split(groups));
  }

  /** Reads a static token file. */
  public static List<StaticToken> readFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read token file " + file, e);
    }
    List<StaticToken> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replace("\uFEFF", "").trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = csv(line);
      if (fields.size() < 3 || fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
        throw new IllegalArgumentException("token file " + file + " line " + (i + 1)
            + ": expected token,user,uid[,\"group1,group2\"]");
      }
      out.add(new StaticToken(fields.get(0), fields.get(1), fields.get(2),
          fields.size() > 3 ? split(fields.get(3)) : List.of()));
    }
    return out;
  }

  /** Splits one CSV line; a quoted field may hold commas and doubled quotes. */
  static List<String> csv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString().trim());
    return fields;
  }

  private static List<String> split(String groups) {
    return groups.isBlank() ? List.of()
        : Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
  }
}
