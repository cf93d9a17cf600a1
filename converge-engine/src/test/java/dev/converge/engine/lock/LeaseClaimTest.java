package dev.converge.engine.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.engine.inventory.ApplySetParent;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pure rules of the ApplySet Lease: its name, expiry at the TTL boundary, takeover and renewal. */
class LeaseClaimTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration TTL = Duration.ofSeconds(30);

  static Lease heldBy(String holder, Instant at) {
    return LeaseClaim.create("prod", "applyset-lock-x", "applyset-id", holder, at, TTL);
  }

  @Test
  void givenApplySetIds_thenLeaseNamesAreValidLowerCaseAndDistinct() {
    String a = LeaseClaim.leaseName(ApplySetParent.secret("prod", "web").id());
    String b = LeaseClaim.leaseName(ApplySetParent.secret("prod", "api").id());
    assertThat(a).matches("applyset-lock-[0-9a-f]{32}").hasSizeLessThanOrEqualTo(63).isNotEqualTo(b);
  }

  @Test
  void givenLiveHolder_whenOneMillisecondBeforeTheTtl_thenHeld_andAtTheTtl_thenTakeable() {
    Lease lease = heldBy("run-a", T0);
    assertThatThrownBy(() -> LeaseClaim.take(heldBy("run-a", T0), "run-b", T0.plus(TTL).minusMillis(1), TTL))
        .isInstanceOf(LeaseClaim.HeldElsewhere.class);
    Lease taken = LeaseClaim.take(lease, "run-b", T0.plus(TTL), TTL);
    assertThat(taken.getSpec().getHolderIdentity()).isEqualTo("run-b");
    assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
    assertThat(taken.getSpec().getAcquireTime().toInstant()).isEqualTo(T0.plus(TTL));
  }

  @Test
  void givenOurOwnLease_whenTakenAgain_thenRenewedWithoutATransition() {
    Lease again = LeaseClaim.take(heldBy("run-a", T0), "run-a", T0.plusSeconds(5), TTL);
    assertThat(again.getSpec().getLeaseTransitions()).isZero();
    assertThat(again.getSpec().getAcquireTime().toInstant()).isEqualTo(T0);
    assertThat(again.getSpec().getRenewTime().toInstant()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void givenReleasedLease_whenTaken_thenNoWaitEvenWithinTheTtl() {
    Lease released = LeaseClaim.release(heldBy("run-a", T0), "run-a", T0.plusSeconds(1));
    assertThat(LeaseClaim.take(released, "run-b", T0.plusSeconds(2), TTL).getSpec().getHolderIdentity())
        .isEqualTo("run-b");
  }

  @Test
  void givenAnotherHolder_whenRenewedOrReleased_thenNotOurs() {
    assertThatThrownBy(() -> LeaseClaim.renew(heldBy("run-b", T0), "run-a", T0))
        .isInstanceOf(LeaseClaim.NotOurs.class);
    assertThatThrownBy(() -> LeaseClaim.release(heldBy("run-b", T0), "run-a", T0))
        .isInstanceOf(LeaseClaim.NotOurs.class);
  }
}
