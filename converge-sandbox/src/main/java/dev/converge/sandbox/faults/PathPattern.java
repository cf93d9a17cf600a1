package dev.converge.sandbox.faults;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * PathPattern matches a request's URL path: a glob where {@code *} is one path segment (or part
 * of one) and {@code **} any number of segments, or, prefixed with {@code regex:}, a regular
 * expression that must match the whole path.
 *
 * <pre>{@code
 * PathPattern.of("/apis/apps/v1/**").matches("/apis/apps/v1/namespaces/a/statefulsets");
 * PathPattern.of("regex:/api/v1/namespaces/[a-z]+/pods");
 * }</pre>
 */
public final class PathPattern {
  private static final String REGEX_PREFIX = "regex:";
  private final String text;
  private final Pattern pattern;

  private PathPattern(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  public static PathPattern of(String text) {
    Objects.requireNonNull(text, "path pattern == null");
    if (text.startsWith(REGEX_PREFIX)) {
      return new PathPattern(text, Pattern.compile(text.substring(REGEX_PREFIX.length())));
    }
    return new PathPattern(text, Pattern.compile(globToRegex(text)));
  }

  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  /** {@code /a/**} also matches {@code /a} itself, as a directory glob would. */
  private static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("/**", i)) {
        re.append("(?:/.*)?");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathPattern p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
