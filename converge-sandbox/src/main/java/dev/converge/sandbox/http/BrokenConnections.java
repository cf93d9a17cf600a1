package dev.converge.sandbox.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * BrokenConnections break a TCP connection as a failing network or a dying server does. Vert.x
 * has no public API for that (its close ends a WebSocket with a close frame), so this reaches the
 * Netty channel through Vert.x's internal {@code ConnectionBase#channel()}.
 */
public final class BrokenConnections {
  private BrokenConnections() {}

  /**
   * Closes the connection with a TCP RST (SO_LINGER 0), so the client's next read fails with
   * "Connection reset".
   */
  public static void reset(HttpConnection connection) {
    onChannel(connection, channel -> {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      closeBelowHandlers(channel);
    });
  }

  /**
   * Resets the connection at once, discarding what was not flushed yet: called as a response's
   * headers are about to be written, the client gets a TCP RST instead of the response (a
   * response lost after the server committed the request).
   */
  public static void resetBeforeResponse(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      connection.close();
      return;
    }
    Channel channel = base.channel();
    Runnable reset = () -> {
      if (channel.isActive()) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        closeBelowHandlers(channel);
      }
    };
    // On the event loop (a response handler) the reset must happen before the write that follows.
    if (channel.eventLoop().inEventLoop()) {
      reset.run();
    } else {
      channel.eventLoop().execute(reset);
    }
  }

  /**
   * Closes the connection under the HTTP or WebSocket stream it carries, without that protocol's
   * own end (no final chunk, no WebSocket close frame): the client reads an unexpected end of
   * stream, as when a proxy or load balancer drops it. TLS is still ended with close_notify, so
   * every byte written before arrives.
   */
  public static void cut(HttpConnection connection) {
    onChannel(connection, channel -> {
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      if (tls == null) {
        closeBelowHandlers(channel);
      } else {
        tls.closeOutbound().addListener(f -> closeBelowHandlers(channel));
      }
    });
  }

  /**
   * Closes from the first handler, so no handler sees the close: Netty's WebSocket handler would
   * send a close frame, and TLS a close_notify (which a reset must not have).
   */
  private static void closeBelowHandlers(Channel channel) {
    ChannelHandlerContext first = channel.pipeline().firstContext();
    if (first == null) {
      channel.close();
    } else {
      first.close();
    }
  }

  private static void onChannel(HttpConnection connection,
      java.util.function.Consumer<Channel> action) {
    if (!(connection instanceof ConnectionBase base)) {
      connection.close();
      return;
    }
    Channel channel = base.channel();
    channel.eventLoop().execute(() -> {
      if (channel.isActive()) {
        // What was written before (e.g. the events before a watch drop) goes out first.
        channel.flush();
        action.accept(channel);
      }
    });
  }
}
