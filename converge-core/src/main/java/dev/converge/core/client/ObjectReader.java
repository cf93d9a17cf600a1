package dev.converge.core.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ObjectReader knows how to read and list Kubernetes objects. The reads of {@link KubeOps} itself
 * are live: a strongly consistent GET or LIST answered by the API server, which sees every write
 * that returned before it. Failures are retried under the client's policy and thrown as {@link
 * dev.converge.core.errors.ConvergeException}s.
 */
public interface ObjectReader {

  /**
   * The object, or empty when it does not exist.
   *
   * @param namespace the namespace; ignored for cluster-scoped kinds
   */
  <T extends HasMetadata> Optional<T> get(Kind<T> kind, @Nullable String namespace, String name);

  /**
   * The objects of {@code kind} in {@code namespace} (all namespaces when null) that match the
   * options.
   */
  <T extends HasMetadata> List<T> list(Kind<T> kind, @Nullable String namespace, ListOption... options);
}
