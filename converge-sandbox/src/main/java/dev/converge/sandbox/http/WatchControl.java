package dev.converge.sandbox.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * WatchControl is the handle fault injection gets on one open watch: it can hold the watch's
 * events back (cache lag) or drop the connection mid-stream, as a flaky network or an API
 * server restart would.
 */
public interface WatchControl {
  /** The request that opened the watch (path, headers such as User-Agent). */
  HttpServerRequest request();

  RequestInfo info();

  /**
   * Asks {@code delayMillis} before each later event how long to hold it back; events keep their
   * order whatever the delay.
   */
  void delayEvents(LongSupplier delayMillis);

  /** Also calls {@code listener} with the running count after each event is written (not bookmarks). */
  void onEventSent(LongConsumer listener);

  /** Stops the stream at once and closes its connection without a proper end of stream. */
  void drop();

  boolean isOpen();
}
