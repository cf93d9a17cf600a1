package dev.converge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** ManifestOptions is kubectl's {@code -f}: files, directories (recursively) or {@code -} for stdin. */
final class ManifestOptions {
  @Option(names = {"-f", "--filename"}, paramLabel = "PATH", arity = "1..*",
      description = "Manifest file or directory (recursive: .yaml, .yml, .json), or - for "
          + "standard input. Repeatable.")
  List<Path> paths = new ArrayList<>();
}
