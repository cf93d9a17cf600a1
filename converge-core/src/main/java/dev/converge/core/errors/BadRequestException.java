package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** The server rejected the request as malformed (HTTP 400, or another 4xx the table has no row for). Terminal. */
public final class BadRequestException extends KubeApiException {

  BadRequestException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "the server rejected the request as malformed"), details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
