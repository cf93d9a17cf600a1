package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** The commands, switches and completion issue 7 lists are all there, documented, kubectl-style. */
class CommandLineSurfaceTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CommandLine cli = ConvergeCommand.commandLine();

  CommandLineSurfaceTest() {
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
  }

  @Test
  void givenHelp_thenEveryCommandIsListed() {
    assertThat(cli.execute("--help")).isZero();

    assertThat(out.toString()).contains("apply", "diff", "destroy", "status", "wait", "sandbox", "version",
        "generate-completion");
  }

  @Test
  void givenApplyHelp_thenEverySwitchOfTheIssueIsDocumented() {
    assertThat(cli.execute("apply", "--help")).isZero();

    assertThat(out.toString()).contains("-f, --filename", "-n, --namespace", "--context", "--kubeconfig",
        "--cluster", "--applyset", "--prune", "--[no-]wait", "--timeout", "--force-conflicts",
        "--recreate-on-immutable", "--dry-run", "--lock-timeout", "--lock-ttl", "-o, --output", "--no-color", "--verbose",
        "Exit codes");
  }

  @Test
  void givenCompletion_thenApplyAndItsSwitchesComplete() {
    assertThat(cli.execute("generate-completion")).isZero();

    assertThat(out.toString()).contains("apply", "destroy", "--applyset", "--force-conflicts");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apply", "diff", "status", "wait"})
  void givenNoFilename_thenUsageExit2(String command) {
    assertThat(cli.execute(command)).isEqualTo(2);
    assertThat(err.toString()).contains("--filename");
  }

  @Test
  void givenDestroyWithNeitherFilesNorApplySet_thenUsageExit2() {
    assertThat(cli.execute("destroy")).isEqualTo(2);
    assertThat(err.toString()).contains("--applyset");
  }

  @Test
  void givenDryRunClient_thenUsageExit2() {
    assertThat(cli.execute("apply", "-f", "x.yaml", "--dry-run=client")).isEqualTo(2);
    assertThat(err.toString()).contains("expected: server");
  }

  @ParameterizedTest
  @CsvSource({"90s,PT1M30S", "5m,PT5M", "1h30m,PT1H30M", "500ms,PT0.5S", "45,PT45S"})
  void givenKubectlDuration_thenParsed(String text, Duration expected) {
    assertThat(new DurationConverter().convert(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5x", "m5", "0s", "1m-2s"})
  void givenNoDuration_thenRejected(String text) {
    assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class);
  }
}
