package dev.converge.cli;

import dev.converge.engine.DeployOptions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * LockFlags are the switches of the ApplySet lock that {@code apply} and {@code destroy} take while
 * they write an ApplySet: how long to wait for another run holding it, and the TTL of our own.
 */
final class LockFlags {
  @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = ZeroOrDuration.class,
      description = "With --applyset: how long to wait while another apply or destroy of the same "
          + "ApplySet holds its lock (0: fail at once). When it runs out: exit 1, naming the holder. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration lockTimeout = DeployOptions.DEFAULT_LOCK_WAIT;

  @Option(names = "--lock-ttl", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "With --applyset: the TTL of this run's lock (whole seconds), renewed every "
          + "third of it; if this run crashes, the next one takes the lock over after it. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration lockTtl = Duration.ofSeconds(30);

  /** {@code options} with these flags. */
  DeployOptions applyTo(DeployOptions options) {
    return options.withLockWait(lockTimeout).withLockTtl(lockTtl);
  }

  /** A duration as {@link DurationConverter} reads it, or {@code 0}: do not wait. */
  static final class ZeroOrDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.trim().matches("0+(ms|s|m|h)?") ? Duration.ZERO : new DurationConverter().convert(value);
    }
  }

  /** Null when the TTL is acceptable, else the usage message. */
  @Nullable String problem() {
    if (lockTtl.toMillis() < 1000 || lockTtl.toMillis() % 1000 != 0) {
      return "--lock-ttl must be whole seconds, at least 1s: " + lockTtl;
    }
    return null;
  }
}
