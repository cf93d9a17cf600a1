package dev.converge.engine.manifest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reads inline YAML in tests as if it were a file named {@code name}. */
public final class Yaml {
  private Yaml() {}

  public static Manifests read(String name, String text) {
    return new ManifestReader().read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static ValidationReport validate(String text) {
    return new ManifestValidator(BuiltInKinds.INSTANCE, "default").validate(read("set.yaml", text));
  }
}
