package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code converge sandbox --controller-workers N} sets how many threads the controllers use. */
@Timeout(30)
class SandboxControllerWorkersTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CommandLine cli = ConvergeCommand.commandLine();

  SandboxControllerWorkersTest() {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
  }

  @Test
  void givenZeroWorkers_thenUsageErrorBeforeAnythingStarts() {
    // when
    int code = cli.execute("sandbox", "--controller-workers", "0");

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--controller-workers must be at least 1, was 0");
    assertThat(out.toString()).doesNotContain("listening");
  }

  @Test
  void givenHelp_thenTheDefaultOfFourIsShown() {
    // when
    int code = cli.execute("sandbox", "--help");

    // then
    assertThat(code).isZero();
    assertThat(out.toString()).contains("--controller-workers=N").contains("Default: 4.");
  }
}
