package dev.converge.engine.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads manifests: multi-document YAML and JSON from files, directories (recursively, in sorted
 * path order, {@code .yaml}, {@code .yml} and {@code .json} files) and streams such as standard
 * input. Empty documents are skipped, as kubectl does; a {@code v1 List} is expanded into its
 * items. A document that does not parse becomes a {@link Problem} with its line, never an exception,
 * so that one run reports every broken document.
 *
 * <p>Only a file or directory that cannot be read at all throws ({@link UncheckedIOException}).
 */
public final class ManifestReader {
  /** The name standard input goes by, in arguments and in problem messages (kubectl's {@code -f -}). */
  public static final String STDIN = "-";

  /** A YAML document separator line: {@code ---}, optionally followed by a comment or content. */
  private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");

  // A repeated key is an error, as in kubectl's strict decoding: last-wins would apply a value the
  // author may not have meant (issue 10, bad-input corpus).
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Reads every path in order; directories are walked recursively, their files sorted. */
  public Manifests read(List<Path> paths) {
    Manifests all = new Manifests(List.of(), List.of());
    for (Path path : paths) {
      for (Path file : filesOf(path)) {
        try (InputStream in = Files.newInputStream(file)) {
          all = all.plus(read(file.toString(), in));
        } catch (IOException e) {
          throw new UncheckedIOException("could not read manifest file " + file, e);
        }
      }
    }
    return all;
  }

  /** Reads one stream, named {@code name} in sources ({@link #STDIN} for standard input). */
  public Manifests read(String name, InputStream in) {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read manifests from " + name, e);
    }
    if (!text.stripLeading().startsWith("{")) {
      return readYaml(name, text);
    }
    // JSON, possibly a stream of objects; or a YAML flow mapping, which the JSON parser rejects
    Manifests asJson = readJson(name, text);
    if (asJson.problems().isEmpty() || name.endsWith(".json")) {
      return asJson; // a .json file is JSON: YAML would accept what JSON refuses (trailing commas)
    }
    Manifests asYaml = readYaml(name, text);
    return asYaml.problems().isEmpty() ? asYaml : asJson;
  }

  private static List<Path> filesOf(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path); // named explicitly: read whatever its extension
    }
    try (Stream<Path> walk = Files.walk(path)) {
      // Not only regular files: a dangling link named *.yaml must fail the read, not be skipped,
      // or its objects would be missing from the set and pruned.
      return walk.filter(p -> !Files.isDirectory(p)).filter(ManifestReader::isManifestFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list manifest directory " + path, e);
    }
  }

  private static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private Manifests readYaml(String name, String text) {
    List<ManifestObject> objects = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    StringBuilder document = new StringBuilder();
    int index = 0;
    int startLine = 1;
    for (int i = 0; i <= lines.length; i++) {
      boolean end = i == lines.length;
      if (end || SEPARATOR.matcher(lines[i]).matches()) {
        if (!(i == 0 && !end)) { // a separator on the first line opens the first document
          parseDocument(yaml, document.toString(), new Source(name, index, startLine), objects, problems);
          index++;
        }
        document.setLength(0);
        startLine = i + 2;
      } else {
        document.append(lines[i]).append('\n');
      }
    }
    return new Manifests(objects, problems);
  }

  private Manifests readJson(String name, String text) {
    List<ManifestObject> objects = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> docs = json.readerFor(JsonNode.class).readValues(text)) {
      while (docs.hasNextValue()) {
        int line = docs.getCurrentLocation().getLineNr();
        JsonNode node = docs.nextValue();
        accept(node, new Source(name, index++, Math.max(line, 1)), objects, problems);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(parseProblem(new Source(name, index, 1), e));
    }
    return new Manifests(objects, problems);
  }

  private void parseDocument(ObjectMapper mapper, String document, Source source,
      List<ManifestObject> objects, List<Problem> problems) {
    Optional<Problem> binary = BinaryText.problem(document, source);
    if (binary.isPresent()) {
      problems.add(binary.get());
      return;
    }
    try {
      accept(mapper.readTree(document), source, objects, problems);
    } catch (IOException e) {
      problems.add(parseProblem(source, e));
    }
  }

  private void accept(JsonNode node, Source source, List<ManifestObject> objects, List<Problem> problems) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return; // empty document (only comments or blank lines): kubectl skips these
    }
    if (!node.isObject()) {
      problems.add(new Problem(source, null, null,
          "document is a " + node.getNodeType().toString().toLowerCase() + ", not an object"));
      return;
    }
    if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
      for (JsonNode item : node.get("items")) {
        accept(item, source, objects, problems);
      }
      return;
    }
    try {
      objects.add(new ManifestObject(json.convertValue((ObjectNode) node, GenericKubernetesResource.class), source));
    } catch (IllegalArgumentException e) {
      // e.g. metadata.labels is a list: the document is YAML but not a Kubernetes object
      problems.add(new Problem(source, null, FieldPaths.of(e),
          "not a Kubernetes object: " + firstLine(String.valueOf(e.getMessage()))));
    }
  }

  private static Problem parseProblem(Source source, Exception e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      JsonLocation at = jpe.getLocation();
      int line = source.line() + Math.max(at.getLineNr(), 1) - 1;
      return new Problem(new Source(source.file(), source.document(), line), null, null,
          "does not parse: " + firstLine(jpe.getOriginalMessage()));
    }
    return new Problem(source, null, null, "does not parse: " + firstLine(String.valueOf(e.getMessage())));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
