package dev.converge.sandbox.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubeconfig renders {@link ClusterAccess} as a kubeconfig file with one cluster, user and context. */
public final class Kubeconfig {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

  private Kubeconfig() {}

  /** The kubeconfig YAML; its current context is {@value ClusterAccess#CONTEXT_NAME}. */
  public static String render(ClusterAccess access) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", access.server());
    access.caCertificateData().ifPresent(data -> cluster.put("certificate-authority-data", data));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", ClusterAccess.CONTEXT_NAME);
    context.put("user", access.userName());
    context.put("namespace", access.namespace());

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    root.put("clusters", List.of(named(ClusterAccess.CONTEXT_NAME, "cluster", cluster)));
    root.put("users", List.of(named(access.userName(), "user", Map.of("token", access.token()))));
    root.put("contexts", List.of(named(ClusterAccess.CONTEXT_NAME, "context", context)));
    root.put("current-context", ClusterAccess.CONTEXT_NAME);
    root.put("preferences", Map.of());
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not render kubeconfig", e);
    }
  }

  /**
   * Writes the kubeconfig to {@code file}, creating its directory. The file holds a token, so it
   * is readable by its owner only, and it is replaced atomically so a reader never sees half.
   */
  public static void write(ClusterAccess access, Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
      try {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(tmp, render(access), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write kubeconfig " + file, e);
    }
  }

  private static Map<String, Object> named(String name, String key, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(key, value);
    return entry;
  }
}
