package dev.converge.engine.lock;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pure rules of the ApplySet Lease: its name, and what taking, renewing and releasing it write.
 * Each rule takes the Lease as last read and returns the Lease to write with that read's
 * resourceVersion, so the server rejects it if anyone wrote in between.
 *
 * <p>Expiry compares {@code renewTime + leaseDurationSeconds} with the local clock, as a CLI run has
 * no earlier observation to measure from; clocks skewed by more than the TTL would break it, which
 * the TTL default (30 s) leaves ample margin for.
 */
public final class LeaseClaim {

  /** Annotation naming the ApplySet a Lease locks, for humans reading {@code kubectl get lease}. */
  public static final String APPLYSET_ANNOTATION = "converge.dev/applyset-id";
  private static final String NAME_PREFIX = "applyset-lock-";
  /** 128 bits of the id's hash: collision-free in practice, and the name stays short. */
  private static final int NAME_HASH_BYTES = 16;

  private LeaseClaim() {}

  /** Who holds a Lease and until when. */
  public record Holding(@Nullable String holder, @Nullable Instant acquired, @Nullable Instant renewed,
      @Nullable Instant expiresAt, int transitions) {

    /** Held by someone whose TTL has not run out at {@code now}. */
    public boolean liveAt(Instant now) {
      return holder != null && !holder.isBlank() && expiresAt != null && now.isBefore(expiresAt);
    }
  }

  /** Thrown by {@link #take} when another holder's lease is live: the caller waits or gives up. */
  static final class HeldElsewhere extends RuntimeException {
    final Holding holding;

    HeldElsewhere(Holding holding) {
      super("held by " + holding.holder(), null, false, false);
      this.holding = holding;
    }
  }

  /** Thrown by {@link #renew} when the Lease now names another holder. */
  static final class NotOurs extends RuntimeException {
    final Holding holding;

    NotOurs(Holding holding) {
      super("now held by " + holding.holder(), null, false, false);
      this.holding = holding;
    }
  }

  /**
   * The Lease name for an ApplySet id: the id has upper case and underscores (base64url), which a
   * Lease name may not, so it is hashed to lower-case hex.
   */
  public static String leaseName(String applySetId) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(applySetId.getBytes(StandardCharsets.UTF_8));
      return NAME_PREFIX + HexFormat.of().formatHex(sha, 0, NAME_HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  public static Holding holding(Lease lease) {
    LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
    Instant acquired = instant(spec.getAcquireTime());
    Instant renewed = instant(spec.getRenewTime());
    Instant base = renewed != null ? renewed : acquired;
    Integer seconds = spec.getLeaseDurationSeconds();
    Instant expires = base == null || seconds == null ? null : base.plusSeconds(seconds);
    int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
    return new Holding(spec.getHolderIdentity(), acquired, renewed, expires, transitions);
  }

  /** A new Lease held by {@code me}. */
  static Lease create(String namespace, String name, String applySetId, String me, Instant now,
      Duration ttl) {
    return new LeaseBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name)
        .withAnnotations(Map.of(APPLYSET_ANNOTATION, applySetId)).endMetadata()
        .withNewSpec().withHolderIdentity(me).withLeaseDurationSeconds((int) ttl.toSeconds())
        .withAcquireTime(zoned(now)).withRenewTime(zoned(now)).withLeaseTransitions(0).endSpec()
        .build();
  }

  /**
   * {@code current} taken by {@code me}: free, released, expired, or already ours (a retried write
   * whose first attempt was committed reads back as ours).
   *
   * @throws HeldElsewhere when another holder's lease is live at {@code now}
   */
  static Lease take(Lease current, String me, Instant now, Duration ttl) {
    Holding h = holding(current);
    boolean ours = me.equals(h.holder());
    if (!ours && h.liveAt(now)) {
      throw new HeldElsewhere(h);
    }
    LeaseSpec spec = spec(current);
    if (!ours) {
      spec.setAcquireTime(zoned(now));
      // A transition is a change of holder; taking a released lease is one as well (client-go counts it).
      spec.setLeaseTransitions(h.transitions() + 1);
    }
    spec.setHolderIdentity(me);
    spec.setLeaseDurationSeconds((int) ttl.toSeconds());
    spec.setRenewTime(zoned(now));
    return current;
  }

  /**
   * {@code current} with a fresh renewTime.
   *
   * @throws NotOurs when someone else holds it (ours lapsed and was taken over)
   */
  static Lease renew(Lease current, String me, Instant now) {
    if (!me.equals(holding(current).holder())) {
      throw new NotOurs(holding(current));
    }
    spec(current).setRenewTime(zoned(now));
    return current;
  }

  /** {@code current} released: no holder, so the next run takes it without waiting for the TTL. */
  static Lease release(Lease current, String me, Instant now) {
    if (!me.equals(holding(current).holder())) {
      throw new NotOurs(holding(current));
    }
    LeaseSpec spec = spec(current);
    spec.setHolderIdentity(null);
    spec.setRenewTime(zoned(now));
    return current;
  }

  private static LeaseSpec spec(Lease lease) {
    if (lease.getSpec() == null) {
      lease.setSpec(new LeaseSpec());
    }
    return lease.getSpec();
  }

  private static @Nullable Instant instant(@Nullable ZonedDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static ZonedDateTime zoned(Instant now) {
    // Lease times are MicroTime: keep what the server stores, so a read-back compares equal.
    return now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
  }
}
