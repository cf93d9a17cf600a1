package dev.converge.core.errors;

/** The transport failure behind a {@link NetworkException}, as found in the cause chain. */
public enum NetworkFailure {
  CONNECTION_REFUSED(true),
  UNKNOWN_HOST(true),
  NO_ROUTE_TO_HOST(true),
  CONNECT_TIMEOUT(true),
  CONNECTION_RESET(false),
  CONNECTION_CLOSED(false),
  SOCKET_TIMEOUT(false),
  OTHER(false);

  private final boolean beforeRequestSent;

  NetworkFailure(boolean beforeRequestSent) {
    this.beforeRequestSent = beforeRequestSent;
  }

  /**
   * Whether the failure happened while connecting, so the request never reached the server. A
   * reset or a read timeout may come after the server committed the change.
   */
  public boolean beforeRequestSent() {
    return beforeRequestSent;
  }
}
