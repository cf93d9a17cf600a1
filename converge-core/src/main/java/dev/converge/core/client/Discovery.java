package dev.converge.core.client;

/**
 * Discovery knows which kinds the API server serves, their plural and scope. Answers are cached;
 * a kind not found refreshes its group-version once per attempt (a CustomResourceDefinition may
 * have just been Established), and the call is retried under the client's policy before it fails.
 */
public interface Discovery {

  /**
   * The resource type serving {@code kind} in {@code apiVersion}.
   *
   * @throws dev.converge.core.errors.NoMatchException when the server does not serve it
   */
  ResourceType lookup(String apiVersion, String kind);

  /** Forgets what is cached for {@code apiVersion}, so that the next lookup asks the server. */
  void invalidate(String apiVersion);
}
