package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.http.Authenticator;
import dev.converge.sandbox.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ServiceAccountTokens mints bearer tokens bound to a ServiceAccount, as the TokenRequest API
 * does, and authenticates them: a token identifies {@code system:serviceaccount:NS:NAME} in the
 * groups {@code system:serviceaccounts} and {@code system:serviceaccounts:NS} until it expires
 * or its ServiceAccount is deleted (a new one of the same name has another UID).
 *
 * <p>Tokens look like the JWTs a cluster issues, so tools that decode them find the usual
 * claims, but the sandbox recognises them by lookup and never verifies a signature.
 */
public final class ServiceAccountTokens implements Authenticator.TokenSource {
  /** TokenRequest's default lifetime, as {@code kubectl create token} gets. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
  private static final String SERVICE_ACCOUNTS = "serviceaccounts";

  /** What a minted token stands for. */
  private record Issued(String namespace, String name, String uid, Instant expires) {}

  private final ObjectStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();

  public ServiceAccountTokens(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Mints a token for an existing ServiceAccount.
   *
   * @throws ApiException 404 when the ServiceAccount does not exist
   */
  public ServiceAccountToken mint(String namespace, String name, Duration ttl) {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    ObjectNode account = store.get(SERVICE_ACCOUNTS, namespace, name);
    if (account == null) {
      throw new ApiException(404, "NotFound",
          "serviceaccounts \"" + name + "\" not found", "", SERVICE_ACCOUNTS, name, List.of(),
          null);
    }
    Instant now = clock.instant();
    Instant expires = now.plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String uid = Json.textAt(account, "metadata", "uid");
    String token = jwt(namespace, name, uid, now, expires);
    issued.put(token, new Issued(namespace, name, uid, expires));
    return new ServiceAccountToken(token, expires);
  }

  @Override
  public Optional<Authenticator.User> authenticate(String token) {
    Issued i = issued.get(token);
    if (i == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(i.expires())) {
      issued.remove(token);
      return Optional.empty();
    }
    ObjectNode account = store.get(SERVICE_ACCOUNTS, i.namespace(), i.name());
    if (account == null || !Objects.equals(i.uid(), Json.textAt(account, "metadata", "uid"))) {
      return Optional.empty();
    }
    return Optional.of(new Authenticator.User(
        RbacIndex.serviceAccountUser(i.namespace(), i.name()),
        List.of("system:serviceaccounts", "system:serviceaccounts:" + i.namespace(),
            Authenticator.AUTHENTICATED)));
  }

  private String jwt(String namespace, String name, String uid, Instant now, Instant expires) {
    ObjectNode header = Json.object();
    header.put("alg", "RS256").put("kid", "converge-sandbox");
    ObjectNode claims = Json.object();
    claims.putArray("aud").add(ISSUER);
    claims.put("exp", expires.getEpochSecond()).put("iat", now.getEpochSecond())
        .put("iss", ISSUER).put("nbf", now.getEpochSecond())
        .put("sub", RbacIndex.serviceAccountUser(namespace, name));
    ObjectNode k8s = claims.putObject("kubernetes.io");
    k8s.put("namespace", namespace);
    k8s.putObject("serviceaccount").put("name", name).put("uid", uid);
    byte[] signature = new byte[64];
    random.nextBytes(signature);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(Json.text(header).getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(Json.text(claims).getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(signature);
  }
}
