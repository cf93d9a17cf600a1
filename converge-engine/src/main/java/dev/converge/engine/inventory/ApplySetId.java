package dev.converge.engine.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Computes an ApplySet id from its parent's identity, per KEP-3659: {@code applyset-} + unpadded
 * base64url of SHA-256 over {@code name.namespace.kind.group} + {@code -v1}. The value goes in the
 * parent's id label and in every member's part-of label, so it must match kubectl's byte for byte.
 */
public final class ApplySetId {

  private ApplySetId() {}

  /**
   * The id of the set whose parent is {@code kind.group} {@code namespace/name}; {@code namespace}
   * null (or empty) for a cluster-scoped parent, {@code group} empty for the core group.
   */
  public static String of(String group, String kind, @Nullable String namespace, String name) {
    String gknn = name + "." + (namespace == null ? "" : namespace) + "." + kind + "." + group;
    return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(gknn)) + "-v1";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
