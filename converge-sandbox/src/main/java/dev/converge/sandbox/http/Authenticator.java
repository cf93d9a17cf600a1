package dev.converge.sandbox.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authenticator maps bearer tokens to users, as a static token file does on a real cluster. */
public final class Authenticator {
  /** An authenticated identity. */
  public record User(String name, List<String> groups) {}

  private final Map<String, User> tokens = new ConcurrentHashMap<>();

  public void addToken(String token, User user) {
    tokens.put(token, user);
  }

  /** The user a {@code Authorization} header value identifies, if any. */
  public Optional<User> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.ofNullable(tokens.get(authorizationHeader.substring(7).trim()));
  }
}
