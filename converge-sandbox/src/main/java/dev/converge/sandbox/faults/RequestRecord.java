package dev.converge.sandbox.faults;

/**
 * RequestRecord is one kind of request the sandbox served, the key its count is kept under.
 *
 * @param verb Kubernetes verb in lower case ({@code create}, {@code list}, {@code watch}...)
 * @param group API group, "" for the core group and for non-resource paths
 * @param resource resource plural, "" for discovery and other non-resource paths
 * @param subresource subresource ({@code status}, {@code scale}), "" for none
 * @param namespace namespace from the URL, "" for none
 * @param client product token of the User-Agent (e.g. {@code fabric8-kubernetes-client})
 * @param outcome HTTP status code as text, {@code reset}, {@code refused}, or {@code pending}
 *     while a request (e.g. a watch) is still being served
 */
public record RequestRecord(String verb, String group, String resource, String subresource,
    String namespace, String client, String outcome) {
  public static final String PENDING = "pending";
  public static final String RESET = "reset";
  public static final String REFUSED = "refused";

  /** {@code resource} or {@code group/resource}, e.g. {@code apps/deployments}. */
  public String groupResource() {
    return group.isEmpty() ? resource : group + "/" + resource;
  }

  RequestRecord withOutcome(String newOutcome) {
    return new RequestRecord(verb, group, resource, subresource, namespace, client, newOutcome);
  }
}
