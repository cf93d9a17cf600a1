package dev.converge.sandbox.faults;

import java.util.function.UnaryOperator;

/**
 * RequestView is what fault rules match a request by: verb, URL path and headers.
 *
 * @param verb Kubernetes verb
 * @param path URL path without query
 * @param header header value by name (case-insensitive), null when absent
 */
public record RequestView(Verb verb, String path, UnaryOperator<String> header) {
  /** The header that names a client explicitly, matched by a rule's {@code client}. */
  public static final String CLIENT_HEADER = "X-Converge-Client";

  public String userAgent() {
    String ua = header.apply("User-Agent");
    return ua == null ? "" : ua;
  }
}
