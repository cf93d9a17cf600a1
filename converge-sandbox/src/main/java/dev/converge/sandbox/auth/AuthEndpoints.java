package dev.converge.sandbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.http.ApiServer;
import dev.converge.sandbox.http.Authenticator;
import dev.converge.sandbox.http.RequestInfo;
import dev.converge.sandbox.http.protobuf.ProtobufObjects;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthEndpoints serves the create-only, never stored authentication and authorization
 * resources: access reviews ({@code kubectl auth can-i}), SelfSubjectReview
 * ({@code kubectl auth whoami}) and the ServiceAccount {@code token} subresource
 * ({@code kubectl create token}). It runs as a request filter, after authorization.
 */
final class AuthEndpoints implements ApiServer.RequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthEndpoints.class);
  private static final String AUTHORIZATION = "authorization.k8s.io";
  private static final String AUTHENTICATION = "authentication.k8s.io";

  private final Authenticator authenticator;
  private final AccessReviews reviews;
  private final ServiceAccountTokens tokens;
  private final Clock clock;

  AuthEndpoints(Authenticator authenticator, AccessReviews reviews, ServiceAccountTokens tokens,
      Clock clock) {
    this.authenticator = authenticator;
    this.reviews = reviews;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public boolean handle(HttpServerRequest req, RequestInfo info) {
    if (info == null || info.isDiscovery() || !served(info)) {
      return false;
    }
    if (req.method() != HttpMethod.POST) {
      write(req.response(), 405, ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource").toStatus());
      return true;
    }
    req.body().onSuccess(body -> {
      try {
        write(req.response(), 201, answer(req, info, decode(req, body)));
      } catch (ApiException e) {
        write(req.response(), e.code(), e.toStatus());
      } catch (RuntimeException e) {
        LOG.warn("request {} {} failed", req.method(), req.uri(), e);
        write(req.response(), 500, ApiException.internal(String.valueOf(e.getMessage()))
            .toStatus());
      }
    });
    return true;
  }

  private static boolean served(RequestInfo info) {
    return switch (info.group() + "/" + info.resource()) {
      case AUTHORIZATION + "/selfsubjectaccessreviews", AUTHORIZATION + "/subjectaccessreviews",
          AUTHORIZATION + "/selfsubjectrulesreviews",
          AUTHORIZATION + "/localsubjectaccessreviews", AUTHENTICATION + "/selfsubjectreviews",
          AUTHENTICATION + "/tokenreviews" -> info.name() == null;
      case "/serviceaccounts" -> "token".equals(info.subresource());
      default -> false;
    };
  }

  private ObjectNode answer(HttpServerRequest req, RequestInfo info, ObjectNode body) {
    Authenticator.User user = authenticator.authenticate(req.getHeader("Authorization"))
        .orElseThrow(ApiException::unauthorized);
    return switch (info.resource()) {
      case "selfsubjectaccessreviews" -> reviews.selfReview(body, user.name(), user.groups());
      case "selfsubjectrulesreviews" -> reviews.rulesReview(body, user.name(), user.groups());
      case "subjectaccessreviews" -> reviews.subjectReview(body, null);
      case "localsubjectaccessreviews" -> reviews.subjectReview(body, info.namespace());
      case "selfsubjectreviews" -> userReview(body, Optional.of(user));
      case "tokenreviews" -> userReview(body, authenticator.authenticate(
          "Bearer " + body.path("spec").path("token").asText("")));
      default -> tokenRequest(body, info);
    };
  }

  /** SelfSubjectReview and TokenReview: the request echoed with the user it identifies. */
  private static ObjectNode userReview(ObjectNode body, Optional<Authenticator.User> user) {
    ObjectNode out = body.deepCopy();
    ObjectNode status = out.putObject("status");
    boolean tokenReview = out.path("kind").asText().equals("TokenReview");
    if (tokenReview) {
      status.put("authenticated", user.isPresent());
    }
    user.ifPresent(u -> {
      ObjectNode info = status.putObject(tokenReview ? "user" : "userInfo");
      info.put("username", u.name());
      u.groups().forEach(info.withArray("groups")::add);
    });
    return out;
  }

  private ObjectNode tokenRequest(ObjectNode body, RequestInfo info) {
    JsonNode requested = body.path("spec").path("expirationSeconds");
    long seconds = requested.canConvertToLong() ? requested.asLong()
        : ServiceAccountTokens.DEFAULT_TTL.toSeconds();
    if (seconds < 600) {
      throw ApiException.invalid(null, info.name(), "spec.expirationSeconds", "FieldValueInvalid",
          "Invalid value: " + seconds + ": may not specify a duration less than 10 minutes");
    }
    ServiceAccountToken token = tokens.mint(info.namespace(), info.name(),
        Duration.ofSeconds(seconds));
    ObjectNode out = Json.object();
    out.put("kind", "TokenRequest").put("apiVersion", AUTHENTICATION + "/v1");
    ObjectNode meta = out.putObject("metadata");
    meta.put("name", info.name()).put("namespace", info.namespace())
        .put("creationTimestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode spec = out.putObject("spec");
    JsonNode audiences = body.path("spec").path("audiences");
    if (audiences.isArray() && !audiences.isEmpty()) {
      spec.set("audiences", audiences.deepCopy());
    } else {
      spec.putArray("audiences").add(ServiceAccountTokens.ISSUER);
    }
    spec.put("expirationSeconds", seconds);
    spec.putNull("boundObjectRef");
    out.putObject("status").put("token", token.token())
        .put("expirationTimestamp", token.expirationTimestamp().toString());
    return out;
  }

  private static ObjectNode decode(HttpServerRequest req, Buffer body) {
    String ct = req.getHeader("Content-Type");
    if (ct != null && ct.contains("protobuf")) {
      return ProtobufObjects.decode(body.getBytes());
    }
    try {
      JsonNode node = body.length() == 0 ? null
          : Json.parse(body.getBytes(), ct != null && ct.contains("yaml"));
      if (node instanceof ObjectNode obj) {
        return obj;
      }
    } catch (IOException e) {
      throw ApiException.badRequest("the body of the request could not be decoded: "
          + e.getMessage().split("\n")[0]);
    }
    throw ApiException.badRequest("the body of the request must be a JSON object");
  }

  private static void write(HttpServerResponse resp, int code, JsonNode body) {
    if (!resp.ended() && !resp.closed()) {
      resp.setStatusCode(code).putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(Json.bytes(body)));
    }
  }
}
