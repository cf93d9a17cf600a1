package dev.converge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * SandboxCtlCommand drives a running sandbox from another process through its admin endpoint:
 * controllers paused, resumed or slowed, fault rules added or cleared, request counts read.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
    description = {"Control a running sandbox through its admin endpoint (admin token only).",
        "Reads the server URL, CA and admin token from the kubeconfig the sandbox wrote."},
    subcommands = {SandboxCtlCommand.Pause.class, SandboxCtlCommand.Resume.class,
        SandboxCtlCommand.Slow.class, SandboxCtlCommand.Fault.class,
        SandboxCtlCommand.Counts.class})
final class SandboxCtlCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing subcommand: pause, resume, slow, fault or counts");
  }

  /** Kind and optional object of a pause or resume. */
  static class Target {
    @Parameters(index = "0", paramLabel = "KIND",
        description = "Controller kind, e.g. statefulsets, deployments, pods.")
    String kind;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
        description = "Namespace of the one object (with --name).")
    String namespace;

    @Option(names = "--name", paramLabel = "NAME",
        description = "Only this object of the kind, not the whole kind.")
    String name;
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Pause a controller kind, or one object of it: its status stays as it is.")
  static final class Pause implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Mixin
    Target target;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      admin.client().pause(target.kind, target.namespace, target.name);
      spec.commandLine().getOut().println("Paused " + describe(target));
      return 0;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume a paused controller kind or object: it converges again.")
  static final class Resume implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Mixin
    Target target;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      admin.client().resume(target.kind, target.namespace, target.name);
      spec.commandLine().getOut().println("Resumed " + describe(target));
      return 0;
    }
  }

  @Command(name = "slow", mixinStandardHelpOptions = true,
      description = "Add a delay to every step of a controller kind (0s to stop slowing).")
  static final class Slow implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Parameters(index = "0", paramLabel = "KIND", description = "Controller kind.")
    String kind;
    @Parameters(index = "1", paramLabel = "DURATION", description = "Extra delay: 500ms, 2s, 1m.")
    String delay;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      admin.client().slow(kind, delay);
      spec.commandLine().getOut().println("Slowed " + kind + " by " + delay);
      return 0;
    }
  }

  @Command(name = "fault", mixinStandardHelpOptions = true,
      description = "Add, list or clear fault rules.",
      subcommands = {FaultAdd.class, FaultList.class, FaultClear.class})
  static final class Fault implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "Missing subcommand: add, list or clear");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Add a fault rule, e.g.",
          "  verb=create,path=/api/v1/**,status=503,count=3",
          "  path=/apis/apps/v1/**,watch-delay=2s,client=operator",
          "Items: verb, path, client, header=Name:value; status, retry-after, latency, reset, "
              + "refuse[=DURATION], drop=EVENTS|DURATION, watch-delay; count, every, "
              + "probability, seed."})
  static final class FaultAdd implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Parameters(index = "0", paramLabel = "SPEC", description = "The rule as a compact spec.")
    String faultSpec;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode added = admin.client().addFault(faultSpec);
      spec.commandLine().getOut().printf("Added fault %s: %s%n", added.path("id").asText(),
          added.path("spec").asText());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the fault rules in force and how often each matched and hit.")
  static final class FaultList implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-4s %-8s %-8s %s%n", "ID", "MATCHED", "APPLIED", "SPEC");
      for (JsonNode f : admin.client().faults().path("items")) {
        out.printf("%-4s %-8s %-8s %s%n", f.path("id").asText(), f.path("matched").asText(),
            f.path("applied").asText(), f.path("spec").asText());
      }
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = "Remove every fault rule.")
  static final class FaultClear implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode cleared = admin.client().clearFaults();
      spec.commandLine().getOut().println("Removed " + cleared.path("removed").asText()
          + " fault rule(s)");
      return 0;
    }
  }

  @Command(name = "counts", mixinStandardHelpOptions = true,
      description = "Show request counts by verb, resource, namespace, client and outcome.")
  static final class Counts implements Callable<Integer> {
    @Mixin
    AdminConnection admin;
    @Option(names = "--verb", paramLabel = "VERB", description = "Only this verb (create...).")
    String verb;
    @Option(names = "--resource", paramLabel = "RESOURCE",
        description = "Only this resource: plural or group/plural.")
    String resource;
    @Option(names = "--reset", description = "Reset the counts after showing them.")
    boolean reset;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, String> filters = new LinkedHashMap<>();
      filters.put("verb", verb);
      filters.put("resource", resource);
      JsonNode counts = admin.client().counts(filters);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-16s %-32s %-20s %-28s %-8s %s%n", "VERB", "RESOURCE", "NAMESPACE", "CLIENT",
          "OUTCOME", "COUNT");
      for (JsonNode c : counts.path("items")) {
        String res = c.path("group").asText().isEmpty() ? c.path("resource").asText()
            : c.path("group").asText() + "/" + c.path("resource").asText();
        if (!c.path("subresource").asText().isEmpty()) {
          res += " (" + c.path("subresource").asText() + ")";
        }
        out.printf("%-16s %-32s %-20s %-28s %-8s %s%n", c.path("verb").asText(),
            res.isEmpty() ? "-" : res, dash(c.path("namespace").asText()),
            c.path("client").asText(), c.path("outcome").asText(), c.path("count").asText());
      }
      out.println("Total: " + counts.path("total").asText());
      if (reset) {
        admin.client().resetCounts();
        out.println("Counts reset.");
      }
      return 0;
    }
  }

  private static String dash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private static String describe(Target t) {
    return t.name == null ? t.kind
        : t.kind + " " + (t.namespace == null ? "" : t.namespace + "/") + t.name;
  }
}
