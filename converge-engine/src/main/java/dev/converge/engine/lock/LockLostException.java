package dev.converge.engine.lock;

/**
 * This run no longer holds its ApplySet lock: renewals failed past the TTL, or another run took the
 * Lease over. Continuing could interleave with that run, so the caller should stop writing.
 */
public final class LockLostException extends RuntimeException {

  LockLostException(String lease, String why) {
    super("lost the ApplySet lock (Lease " + lease + "): " + why
        + "; stopped so as not to interleave with another run; re-run to converge");
  }
}
