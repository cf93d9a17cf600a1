package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.UUID;

/**
 * The create token of DESIGN.md §4: a random value set on a create request so that, after a lost
 * response, the object read back can be recognised as this request's own.
 *
 * <p>The annotation stays on the object. Removing it would take a second write after every create
 * (one more request and one more way to fail), and it is harmless: it names no one and is never
 * reused, since each create draws a new token.
 */
public final class CreateToken {

  /** The annotation that carries the token. */
  public static final String ANNOTATION = "converge.dev/create-token";

  private CreateToken() {}

  /** A fresh, unguessable token. */
  public static String next() {
    return UUID.randomUUID().toString();
  }

  /** Whether {@code live} carries {@code token}. */
  public static boolean carries(HasMetadata live, String token) {
    Map<String, String> annotations = live.getMetadata() == null ? null
        : live.getMetadata().getAnnotations();
    return annotations != null && token.equals(annotations.get(ANNOTATION));
  }

  /**
   * Whether the object found after a retried create may be returned as this create's result: it
   * carries this request's token, so an earlier attempt made it, and it is not being deleted (an
   * object on its way out is no successful create).
   */
  public static boolean adoptable(HasMetadata live, String token) {
    return carries(live, token) && live.getMetadata().getDeletionTimestamp() == null;
  }
}
