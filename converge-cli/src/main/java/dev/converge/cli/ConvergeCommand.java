package dev.converge.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** ConvergeCommand is the top {@code converge} command; it only dispatches to subcommands. */
@Command(name = "converge", mixinStandardHelpOptions = true,
    versionProvider = ConvergeVersion.class,
    description = "Kubernetes changes that land and stay landed.",
    subcommands = {
        ApplyCommand.class,
        DiffCommand.class,
        DestroyCommand.class,
        StatusCommand.class,
        WaitCommand.class,
        SandboxCommand.class,
        OperatorCommand.class,
        VersionCommand.class,
        AutoComplete.GenerateCompletion.class,
    })
public final class ConvergeCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  /** The command line with its error rendering; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ConvergeCommand());
    cli.setExecutionExceptionHandler(ConvergeCommand::renderFailure);
    return cli;
  }

  public static void main(String[] args) {
    // Lean path: 'version' answers before picocli reflects over every subcommand (startup budget).
    if (args.length == 1 && "version".equals(args[0])) {
      System.out.print(VersionCommand.text());
      System.out.flush();
      System.exit(0);
    }
    System.exit(commandLine().execute(args));
  }

  /** A failure is a one-line message with its causes, not a stack trace, for a person to act on. */
  private static int renderFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    StringBuilder message = new StringBuilder("converge: ").append(e.getMessage());
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      message.append(": ").append(cause.getMessage());
    }
    cli.getErr().println(cli.getColorScheme().errorText(message.toString()));
    return cli.getCommandSpec().exitCodeOnExecutionException();
  }
}
