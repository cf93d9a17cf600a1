package dev.converge.sandbox.auth;

import java.util.List;

/**
 * A bearer token of a static token file and the user it authenticates.
 *
 * @param token the bearer token
 * @param user user name
 * @param uid user UID, "" when not given
 * @param groups the user's groups
 */
public record StaticToken(String token, String user, String uid, List<String> groups) {
  public StaticToken {
    groups = List.copyOf(groups);
  }
}
