package dev.converge.sandbox.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/**
 * WatchSink is where one watch's events go: a chunked HTTP response (newline-delimited JSON) or
 * a WebSocket (one text message per event), the two transports the API server offers. fabric8
 * tries a WebSocket first and falls back to HTTP only when the upgrade is refused.
 * Methods run on the watch's Vert.x context.
 */
interface WatchSink {
  void write(byte[] line);

  void end();

  boolean isOpen();

  /** Runs {@code action} when the client goes away. */
  void onPeerClose(Runnable action);

  static WatchSink chunked(HttpServerResponse response) {
    return new WatchSink() {
      @Override
      public void write(byte[] line) {
        response.write(Buffer.buffer(line));
      }

      @Override
      public void end() {
        if (isOpen()) {
          response.end();
        }
      }

      @Override
      public boolean isOpen() {
        return !response.ended() && !response.closed();
      }

      @Override
      public void onPeerClose(Runnable action) {
        response.closeHandler(v -> action.run());
      }
    };
  }

  static WatchSink webSocket(ServerWebSocket socket) {
    return new WatchSink() {
      @Override
      public void write(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1
            : line.length;
        socket.writeTextMessage(new String(line, 0, length,
            java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public void end() {
        if (isOpen()) {
          socket.close();
        }
      }

      @Override
      public boolean isOpen() {
        return !socket.isClosed();
      }

      @Override
      public void onPeerClose(Runnable action) {
        socket.closeHandler(v -> action.run());
      }
    };
  }
}
