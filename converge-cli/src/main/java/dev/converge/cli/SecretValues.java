package dev.converge.cli;

import dev.converge.engine.manifest.ManifestObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SecretValues collects the values of every Secret in a manifest set, for the output's redactor.
 * A value that is also an object's name or namespace in the set (a database user named like its
 * namespace) is public already and left out, so that object names stay readable.
 */
final class SecretValues {
  private SecretValues() {}

  static List<String> of(List<ManifestObject> objects) {
    Set<String> names = new HashSet<>();
    for (ManifestObject object : objects) {
      names.add(String.valueOf(object.name()));
      names.add(String.valueOf(object.namespace()));
    }
    List<String> values = new ArrayList<>();
    for (ManifestObject object : objects) {
      if (!"Secret".equals(object.kind()) || !object.group().isEmpty()) {
        continue;
      }
      Map<String, Object> props = object.resource().getAdditionalProperties();
      if (props.get("stringData") instanceof Map<?, ?> plain) {
        plain.values().forEach(v -> values.add(String.valueOf(v)));
      }
      if (props.get("data") instanceof Map<?, ?> encoded) {
        for (Object v : encoded.values()) {
          values.add(String.valueOf(v));
          try {
            values.add(new String(Base64.getMimeDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException notBase64) {
            // validation reports it; the raw value is masked already
          }
        }
      }
    }
    values.removeAll(names);
    return values;
  }
}
