package dev.converge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.cli.render.ExitCodes;
import dev.converge.cli.render.Output;
import dev.converge.engine.DeployOptions;
import dev.converge.engine.diff.DiffReport;
import dev.converge.engine.diff.ObjectDiff;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** DiffCommand shows what an apply would change, by server-side dry run; Secret values hidden. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show what 'apply' would change: a server-side dry-run apply compared with "
        + "the live objects (managedFields, resourceVersion, status ignored). Secret values "
        + "are never shown.",
        "Exit codes (as kubectl diff): 0 no differences, 1 differences found, 2 invalid input "
            + "or usage, 4 cluster unreachable or unauthorized."})
final class DiffCommand extends ClusterCommand {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin
  ManifestOptions manifests;

  @Option(names = "--applyset", paramLabel = "NAME",
      description = "Compare as 'apply --applyset NAME' would send the objects (part-of label).")
  String applySet;

  @Option(names = "--force-conflicts",
      description = "Compare as 'apply --force-conflicts' would (no field-manager conflicts).")
  boolean forceConflicts;

  @Override
  void checkUsage() {
    if (manifests.paths.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--filename=PATH'");
    }
  }

  @Override
  List<Path> paths() {
    return manifests.paths;
  }

  @Override
  int run(Context context) {
    DiffReport report = context.engine().diff(context.set(),
        DeployOptions.DEFAULTS.withApplySet(applySet).withForce(forceConflicts));
    Output out = context.output();
    if (out.mode() == Output.Mode.JSON) {
      out.print(json(report) + System.lineSeparator());
    } else {
      StringBuilder text = new StringBuilder();
      for (ObjectDiff diff : report.changed()) {
        text.append(diff.header()).append(System.lineSeparator());
        diff.lines().forEach(line -> text.append("    ").append(line).append(System.lineSeparator()));
      }
      int unchanged = report.objects().size() - report.changed().size();
      text.append(report.changed().size()).append(" to change, ").append(unchanged).append(" unchanged")
          .append(System.lineSeparator());
      out.print(text.toString());
    }
    return report.empty() ? ExitCodes.CONVERGED : ExitCodes.FAILED;
  }

  /** {@code {"changed": true, "objects": [{"object","change","lines","error"}]}}. */
  private static String json(DiffReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("changed", !report.empty());
    ArrayNode objects = root.putArray("objects");
    for (ObjectDiff diff : report.objects()) {
      ObjectNode o = objects.addObject();
      o.put("object", diff.object().toString());
      o.put("change", diff.change().name().toLowerCase(java.util.Locale.ROOT));
      ArrayNode lines = o.putArray("lines");
      diff.lines().forEach(lines::add);
      o.put("error", diff.error());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not render the diff as JSON", e);
    }
  }
}
