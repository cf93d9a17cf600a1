package dev.converge.sandbox.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Authenticator maps bearer tokens to users, as a static token file does on a real cluster, and
 * asks further token sources (such as minted ServiceAccount tokens) for tokens it does not know.
 * Every authenticated user is in the group {@code system:authenticated}.
 */
public final class Authenticator {
  /** The group every authenticated user belongs to. */
  public static final String AUTHENTICATED = "system:authenticated";

  /** An authenticated identity. */
  public record User(String name, List<String> groups) {
    public User {
      groups = List.copyOf(groups);
    }

    /** This user with {@code system:authenticated} among its groups. */
    public User authenticated() {
      if (groups.contains(AUTHENTICATED)) {
        return this;
      }
      List<String> more = new ArrayList<>(groups);
      more.add(AUTHENTICATED);
      return new User(name, more);
    }
  }

  /** Resolves tokens that are not in the static table. */
  public interface TokenSource {
    Optional<User> authenticate(String token);
  }

  private final Map<String, User> tokens = new ConcurrentHashMap<>();
  private final List<TokenSource> sources = new CopyOnWriteArrayList<>();

  public void addToken(String token, User user) {
    tokens.put(token, user.authenticated());
  }

  public void addTokenSource(TokenSource source) {
    sources.add(source);
  }

  /** The user a {@code Authorization} header value identifies, if any. */
  public Optional<User> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorizationHeader.substring(7).trim();
    User user = tokens.get(token);
    if (user != null) {
      return Optional.of(user);
    }
    for (TokenSource source : sources) {
      Optional<User> found = source.authenticate(token);
      if (found.isPresent()) {
        return Optional.of(found.get().authenticated());
      }
    }
    return Optional.empty();
  }
}
