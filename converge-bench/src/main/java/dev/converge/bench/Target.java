package dev.converge.bench;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Target is one API server under measurement, able to hand out independent clients. */
public interface Target extends AutoCloseable {
  String name();

  /** A new client with its own connection pool, as a separate process would have. */
  KubernetesClient newClient();

  /** Bytes of heap the server's state holds, approximated after a full GC. */
  @Override
  void close();
}
