package dev.converge.sandbox.faults;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * SocketFaults break a request's TCP connection as a failing network does. Vert.x has no public
 * API for an abortive close, so this reaches the Netty channel through Vert.x's internal
 * {@code ConnectionBase#channel()}.
 */
final class SocketFaults {
  private SocketFaults() {}

  /**
   * Closes the connection with a TCP RST (SO_LINGER 0), so the client's next read fails with
   * "Connection reset". The TLS handler is taken out first: closing through it would send a
   * close_notify alert, which clients read as an orderly end rather than a reset.
   */
  static void reset(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      connection.close();
      return;
    }
    Channel channel = base.channel();
    channel.eventLoop().execute(() -> {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      if (tls != null) {
        channel.pipeline().remove(tls);
      }
      channel.close();
    });
  }
}
