package dev.converge.cli.cluster;

/**
 * Thrown when the chosen cluster cannot be reached or refuses the credentials; the CLI exits 4.
 * The message names the server and what to check.
 */
public final class ClusterUnavailableException extends RuntimeException {
  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterUnavailableException(String message) {
    super(message);
  }
}
