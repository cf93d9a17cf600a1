package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/** A create found an object with the same name: HTTP 409 reason AlreadyExists. Terminal; the idempotent create resolves it by reading back its create token (DESIGN.md §4), never by silent adoption. */
public final class AlreadyExistsException extends KubeApiException {

  AlreadyExistsException(ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(serverSaid(details, "already exists"), details, call, cause);
  }

  @Override
  public Recovery recovery() {
    return Recovery.NONE;
  }
}
