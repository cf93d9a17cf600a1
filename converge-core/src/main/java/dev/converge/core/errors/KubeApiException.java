package dev.converge.core.errors;

import org.jspecify.annotations.Nullable;

/**
 * A failed API call: an error response from the API server or a transport failure on the way to it.
 * Instances come from {@link ErrorClassifier#classify}; there is one subclass per row of the
 * DESIGN.md §2 table plus {@link UnclassifiedException} for what the table does not cover.
 */
public abstract sealed class KubeApiException extends ConvergeException
    permits NotFoundException, AlreadyExistsException, ConflictException,
        FieldManagerConflictException, GoneException, UnauthorizedException, ForbiddenException,
        NamespaceTerminatingException, InvalidException, BadRequestException, ThrottledException,
        RequestTimeoutException, ServerErrorException, NetworkException, TlsException,
        NoMatchException, UnclassifiedException {

  KubeApiException(String what, ErrorDetails details, CallInfo call, @Nullable Throwable cause) {
    super(describe(call, details, what), details, call, cause);
  }

  /** The server's message when it sent one, else {@code fallback}. */
  static String serverSaid(ErrorDetails details, String fallback) {
    return details.message().orElse(fallback);
  }
}
