package dev.converge.sandbox.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
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
   * Closes the connection under whatever it carries, without the protocol's own end (no final
   * chunk, no WebSocket close frame, no TLS close_notify): the client reads an unexpected end.
   */
  public static void cut(HttpConnection connection) {
    onChannel(connection, BrokenConnections::closeBelowHandlers);
  }

  /**
   * Closes from the first handler, so no handler sees the close: TLS would send close_notify and
   * Netty's WebSocket handler a close frame, both orderly ends.
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
