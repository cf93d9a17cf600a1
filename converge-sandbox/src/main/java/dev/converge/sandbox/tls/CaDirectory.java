package dev.converge.sandbox.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * CaDirectory keeps a {@link CertificateAuthority} in a directory ({@code ca.crt}, {@code ca.key})
 * so a restarted sandbox presents certificates that clients configured earlier still trust.
 */
public final class CaDirectory {
  static final String CERTIFICATE_FILE = "ca.crt";
  static final String KEY_FILE = "ca.key";

  private CaDirectory() {}

  /** Loads the CA stored in {@code dir}, or generates one and stores it there. */
  public static CertificateAuthority loadOrCreate(Path dir) {
    Path cert = dir.resolve(CERTIFICATE_FILE);
    Path key = dir.resolve(KEY_FILE);
    try {
      if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
        return CertificateAuthority.fromPem(Files.readString(cert, StandardCharsets.US_ASCII),
            Files.readString(key, StandardCharsets.US_ASCII));
      }
      Files.createDirectories(dir);
      CertificateAuthority ca = CertificateAuthority.generate();
      writeAtomically(key, ca.privateKeyPem(), true);
      writeAtomically(cert, ca.certificatePem(), false);
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException("could not load or store the sandbox CA in " + dir, e);
    }
  }

  /** Writes through a temporary file so a crash never leaves half a key behind. */
  private static void writeAtomically(Path target, String content, boolean secret)
      throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      setPermissions(tmp, secret ? "rw-------" : "rw-r--r--");
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The CA key signs anything a client will trust, so only its owner may read it. */
  private static void setPermissions(Path file, String posix) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(posix));
    }
  }
}
