package dev.converge.sandbox.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ContinueTokens encode list pagination positions: the list's revision and the last key served,
 * opaque to clients as the real server's tokens are.
 */
final class ContinueTokens {
  private ContinueTokens() {}

  static String key(ObjectNode obj) {
    String ns = obj.path("metadata").path("namespace").asText("");
    String name = obj.path("metadata").path("name").asText("");
    return ns.isEmpty() ? name : ns + "/" + name;
  }

  static String encodeContinue(long revision, String lastKey) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((revision + "\n" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  static String[] decodeContinue(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", 2);
      Long.parseLong(parts[0]);
      if (parts.length != 2) {
        throw new IllegalArgumentException();
      }
      return parts;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("continue key is not valid: " + token);
    }
  }
}
