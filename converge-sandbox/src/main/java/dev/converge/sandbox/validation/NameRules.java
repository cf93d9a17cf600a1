package dev.converge.sandbox.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * NameRules checks names, label keys and label values against the Kubernetes formats and returns
 * the upstream error details (empty when valid), so callers can wrap them in field errors.
 */
public final class NameRules {
  /** DNS subdomains (RFC 1123) may be up to 253 characters, as DNS names. */
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  /** One DNS label (RFC 1123 and RFC 1035) is at most 63 characters. */
  public static final int DNS_LABEL_MAX = 63;
  /** Label values and the name part of qualified names share the DNS label limit. */
  public static final int LABEL_VALUE_MAX = 63;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN =
      DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";

  private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_RE = Pattern.compile(DNS1123_SUBDOMAIN);
  private static final Pattern DNS1035_LABEL_RE = Pattern.compile(DNS1035_LABEL);
  private static final Pattern QUALIFIED_NAME_RE = Pattern.compile(QUALIFIED_NAME);
  private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);

  static final String DNS1123_SUBDOMAIN_MSG = regexError("a lowercase RFC 1123 subdomain must "
      + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with "
      + "an alphanumeric character", DNS1123_SUBDOMAIN, "example.com");
  static final String DNS1123_LABEL_MSG = regexError("a lowercase RFC 1123 label must consist "
      + "of lower case alphanumeric characters or '-', and must start and end with an "
      + "alphanumeric character", DNS1123_LABEL, "my-name", "123-abc");
  static final String DNS1035_LABEL_MSG = regexError("a DNS-1035 label must consist of lower "
      + "case alphanumeric characters or '-', start with an alphabetic character, and end with "
      + "an alphanumeric character", DNS1035_LABEL, "my-name", "abc-123");
  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, "
      + "'-', '_' or '.', and must start and end with an alphanumeric character";
  private static final String LABEL_VALUE_MSG = regexError("a valid label must be an empty "
      + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
      + "with an alphanumeric character", LABEL_VALUE, "MyValue", "my_value", "12345");

  private NameRules() {}

  public static List<String> dns1123Subdomain(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      out.add(maxLength(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
      out.add(DNS1123_SUBDOMAIN_MSG);
    }
    return out;
  }

  public static List<String> dns1123Label(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > DNS_LABEL_MAX) {
      out.add(maxLength(DNS_LABEL_MAX));
    }
    if (!DNS1123_LABEL_RE.matcher(value).matches()) {
      out.add(DNS1123_LABEL_MSG);
    }
    return out;
  }

  public static List<String> dns1035Label(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > DNS_LABEL_MAX) {
      out.add(maxLength(DNS_LABEL_MAX));
    }
    if (!DNS1035_LABEL_RE.matcher(value).matches()) {
      out.add(DNS1035_LABEL_MSG);
    }
    return out;
  }

  /** RBAC names: any path segment, so {@code system:controller:x} is valid. */
  public static List<String> pathSegment(String value) {
    if (value.equals(".") || value.equals("..")) {
      return List.of("may not be '" + value + "'");
    }
    for (String bad : List.of("/", "%")) {
      if (value.contains(bad)) {
        return List.of("may not contain '" + bad + "'");
      }
    }
    return List.of();
  }

  /** A label or annotation key: an optional DNS subdomain prefix, '/', and a name part. */
  public static List<String> qualifiedName(String value) {
    List<String> out = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        out.add("prefix part must be non-empty");
      } else {
        for (String msg : dns1123Subdomain(prefix)) {
          out.add("prefix part " + msg);
        }
      }
    } else {
      return List.of("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME,
          "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }
    if (name.isEmpty()) {
      out.add("name part must be non-empty");
    } else if (name.length() > LABEL_VALUE_MAX) {
      out.add("name part " + maxLength(LABEL_VALUE_MAX));
    }
    if (!QUALIFIED_NAME_RE.matcher(name).matches()) {
      out.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME, "MyName", "my.name",
          "123-abc"));
    }
    return out;
  }

  public static List<String> labelValue(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      out.add(maxLength(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE_RE.matcher(value).matches()) {
      out.add(LABEL_VALUE_MSG);
    }
    return out;
  }

  static String maxLength(int max) {
    return "must be no more than " + max + " characters";
  }

  /** Formats a message the way apimachinery's RegexError does, examples included. */
  static String regexError(String message, String regex, String... examples) {
    StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(regex).append("')").toString();
  }
}
