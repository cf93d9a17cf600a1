package dev.converge.sandbox.faults;

/**
 * RequestQuery selects counted requests; every criterion left null matches anything.
 *
 * <pre>{@code
 * sandbox.requests().count(RequestQuery.all().verb("create").resource("apps/deployments")
 *     .outcome("201"));
 * }</pre>
 *
 * @param verb lower-case verb
 * @param resource {@code plural} (any group) or {@code group/plural}
 * @param subresource subresource, "" for requests on the object itself
 * @param namespace namespace, "" for cluster-wide requests
 * @param client User-Agent product token
 * @param outcome status code as text, {@code reset}, {@code refused} or {@code pending}
 */
public record RequestQuery(String verb, String resource, String subresource, String namespace,
    String client, String outcome) {
  public static RequestQuery all() {
    return new RequestQuery(null, null, null, null, null, null);
  }

  public RequestQuery verb(String v) {
    return new RequestQuery(v, resource, subresource, namespace, client, outcome);
  }

  public RequestQuery resource(String r) {
    return new RequestQuery(verb, r, subresource, namespace, client, outcome);
  }

  public RequestQuery subresource(String s) {
    return new RequestQuery(verb, resource, s, namespace, client, outcome);
  }

  public RequestQuery namespace(String n) {
    return new RequestQuery(verb, resource, subresource, n, client, outcome);
  }

  public RequestQuery client(String c) {
    return new RequestQuery(verb, resource, subresource, namespace, c, outcome);
  }

  public RequestQuery outcome(String o) {
    return new RequestQuery(verb, resource, subresource, namespace, client, o);
  }

  public boolean matches(RequestRecord r) {
    return (verb == null || verb.equalsIgnoreCase(r.verb()))
        && (resource == null || resource.equals(r.resource())
            || resource.equals(r.groupResource()))
        && (subresource == null || subresource.equals(r.subresource()))
        && (namespace == null || namespace.equals(r.namespace()))
        && (client == null || client.equals(r.client()))
        && (outcome == null || outcome.equals(r.outcome()));
  }
}
