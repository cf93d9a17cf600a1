package dev.converge.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.engine.progress.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run waiting for the ApplySet lock says so on stderr in every mode, naming the holder. */
class LockWaitingRenderingTest {

  @ParameterizedTest
  @EnumSource(Output.Mode.class)
  void givenLockWaiting_whenRendered_thenOneStderrLineNamesHolderLeaseAndBound(Output.Mode mode) {
    // given
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Output output = new Output(mode, new PrintWriter(out), new PrintWriter(err), Redactor.NONE, Clock.systemUTC(), 120);

    // when
    output.progress().on(new ProgressEvent.LockWaiting("shop/applyset-lock-0a1b", "ci@runner-7/4242/3fa1c",
        Instant.parse("2026-11-22T06:00:30Z"), Duration.ofSeconds(60)));

    // then
    assertThat(err.toString()).isEqualTo("converge: waiting up to 1m00s for the ApplySet lock (Lease"
        + " shop/applyset-lock-0a1b) held by ci@runner-7/4242/3fa1c; it lapses at 2026-11-22T06:00:30Z unless"
        + " that run renews it" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }
}
