package dev.converge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** VersionCommand prints the converge version and the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print the converge version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(text());
    return 0;
  }

  static String text() {
    return String.format("converge %s%njava %s (%s)%n", ConvergeVersion.current(),
        Runtime.version(), System.getProperty("java.vendor", "unknown vendor"));
  }
}
