package dev.converge.sandbox.store.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * AdminTokenFile keeps the admin bearer token across restarts, readable by its owner only, so
 * kubeconfigs written before a restart keep authenticating.
 */
final class AdminTokenFile {
  private AdminTokenFile() {}

  /** The token in {@code file}; {@code explicit} replaces it when given; else a new one. */
  static String loadOrCreate(Path file, String explicit) {
    try {
      if (explicit == null && Files.isRegularFile(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!kept.isEmpty()) {
          return kept;
        }
      }
      String token = explicit != null ? explicit : UUID.randomUUID().toString();
      write(file, token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the admin token in " + file, e);
    }
  }

  private static void write(Path file, String token) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "admin-token", ".tmp");
    try {
      if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
