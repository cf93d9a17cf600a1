package dev.converge.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.ApiException.Cause;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.api.ResourceType;
import dev.converge.sandbox.server.AdmissionHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * CrdAdmission defaults and validates CustomResourceDefinitions as the apiextensions server does
 * for the fields the sandbox relies on: names, group, scope and versions. Invalid ones are
 * refused with 422 before they are stored.
 */
final class CrdAdmission implements AdmissionHook {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  @Override
  public void defaults(ResourceType type, ObjectNode object) {
    if (!isCrd(type)) {
      return;
    }
    ObjectNode spec = Json.child(object, "spec");
    ObjectNode names = Json.child(spec, "names");
    String kind = names.path("kind").asText("");
    if (!names.hasNonNull("singular") && !kind.isEmpty()) {
      names.put("singular", kind.toLowerCase(Locale.ROOT));
    }
    if (!names.hasNonNull("listKind") && !kind.isEmpty()) {
      names.put("listKind", kind + "List");
    }
    if (!spec.path("conversion").has("strategy")) {
      Json.child(spec, "conversion").put("strategy", "None");
    }
  }

  @Override
  public void validate(ResourceType type, ObjectNode previous, ObjectNode object) {
    if (!isCrd(type)) {
      return;
    }
    List<Cause> causes = causes(object, previous);
    if (!causes.isEmpty()) {
      throw ApiException.invalid(type, ObjectKey.name(object), causes);
    }
  }

  static boolean isCrd(ResourceType type) {
    return type.groupResource().equals(CrdSpec.GROUP_RESOURCE);
  }

  /** Field errors of a CRD, empty when valid. */
  static List<Cause> causes(ObjectNode crd, ObjectNode previous) {
    CrdSpec spec = CrdSpec.of(crd);
    List<Cause> out = new ArrayList<>();
    if (spec.group().isEmpty()) {
      out.add(required("spec.group"));
    } else if (!spec.group().contains(".") || !DNS_SUBDOMAIN.matcher(spec.group()).matches()) {
      out.add(invalid("spec.group", spec.group(), "should be a domain with at least one dot"));
    }
    checkLabel(out, "spec.names.plural", spec.plural());
    checkLabel(out, "spec.names.singular", spec.singular());
    if (spec.kind().isEmpty()) {
      out.add(required("spec.names.kind"));
    }
    if (spec.listKind().isEmpty()) {
      out.add(required("spec.names.listKind"));
    }
    String expected = spec.plural() + "." + spec.group();
    if (!spec.name().equals(expected)) {
      out.add(invalid("metadata.name", spec.name(),
          "must be spec.names.plural+\".\"+spec.group"));
    }
    if (!spec.scope().equals("Namespaced") && !spec.scope().equals("Cluster")) {
      out.add(spec.scope().isEmpty() ? required("spec.scope") : new Cause("FieldValueNotSupported",
          "Unsupported value: \"" + spec.scope()
              + "\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
    }
    checkVersions(out, spec);
    if (previous != null) {
      CrdSpec before = CrdSpec.of(previous);
      if (!Objects.equals(before.group(), spec.group())) {
        out.add(invalid("spec.group", spec.group(), "field is immutable"));
      }
      if (!Objects.equals(before.scope(), spec.scope())) {
        out.add(invalid("spec.scope", spec.scope(), "field is immutable"));
      }
    }
    return out;
  }

  private static void checkVersions(List<Cause> out, CrdSpec spec) {
    if (spec.versions().isEmpty()) {
      out.add(new Cause("FieldValueInvalid", "Invalid value: \"\": must have exactly one version "
          + "marked as storage version", "spec.versions"));
      return;
    }
    int storage = 0;
    for (int i = 0; i < spec.versions().size(); i++) {
      JsonNode v = spec.versions().get(i);
      String field = "spec.versions[" + i + "]";
      if (v.path("name").asText("").isEmpty()) {
        out.add(required(field + ".name"));
      }
      if (v.path("storage").asBoolean(false)) {
        storage++;
      }
      if (!v.path("schema").path("openAPIV3Schema").isObject()) {
        out.add(new Cause("FieldValueRequired", "Required value: schemas are required",
            field + ".schema.openAPIV3Schema"));
      }
    }
    if (storage != 1) {
      out.add(new Cause("FieldValueInvalid", "Invalid value: " + storage
          + ": must have exactly one version marked as storage version", "spec.versions"));
    }
  }

  private static void checkLabel(List<Cause> out, String field, String value) {
    if (value.isEmpty()) {
      out.add(required(field));
    } else if (!DNS_LABEL.matcher(value).matches()) {
      out.add(invalid(field, value, "a lowercase RFC 1123 label must consist of lower case "
          + "alphanumeric characters or '-', and must start and end with an alphanumeric "
          + "character"));
    }
  }

  private static Cause required(String field) {
    return new Cause("FieldValueRequired", "Required value", field);
  }

  private static Cause invalid(String field, String value, String why) {
    return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + why, field);
  }
}
