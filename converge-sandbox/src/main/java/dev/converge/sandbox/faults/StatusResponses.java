package dev.converge.sandbox.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.ApiException;
import dev.converge.sandbox.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** StatusResponses writes injected errors as the API server writes its own: a metav1.Status. */
final class StatusResponses {
  private StatusResponses() {}

  /** The error a real API server (or the proxy in front of it) answers with this code. */
  static ApiException error(FaultAction.Respond respond) {
    Integer retry = respond.retryAfterSeconds();
    return switch (respond.code()) {
      case 429 -> new ApiException(429, "TooManyRequests",
          "Too many requests, please try again later.", null, null, null, List.of(), retry);
      case 500 -> new ApiException(500, "InternalError",
          "Internal error occurred: injected fault", null, null, null, List.of(), retry);
      case 503 -> new ApiException(503, "ServiceUnavailable",
          "the server is currently unable to handle the request", null, null, null, List.of(),
          retry);
      case 504 -> new ApiException(504, "Timeout", "the server was unable to return a response "
          + "in the time allotted, but may still be processing the request", null, null, null,
          List.of(), retry);
      default -> new ApiException(respond.code(), "", "Bad Gateway", null, null, null,
          List.of(), retry);
    };
  }

  static void write(HttpServerResponse response, FaultAction.Respond respond) {
    if (response.ended() || response.closed()) {
      return;
    }
    ApiException error = error(respond);
    ObjectNode status = error.toStatus();
    if (error.reason().isEmpty()) {
      status.remove("reason");
    }
    if (respond.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", Integer.toString(respond.retryAfterSeconds()));
    }
    response.setStatusCode(respond.code()).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.bytes(status)));
  }
}
