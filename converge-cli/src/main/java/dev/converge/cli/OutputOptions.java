package dev.converge.cli;

import picocli.CommandLine.Option;

/** OutputOptions are the rendering switches shared by the cluster commands. */
final class OutputOptions {
  /** {@code -o} values. */
  enum Format { text, json }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a live table on a terminal, else one line per event) or json (one "
          + "JSON document on stdout, logs on stderr). Default: ${DEFAULT-VALUE}.")
  Format format = Format.text;

  @Option(names = "--no-color",
      description = "Plain one-line-per-event output without colors, even on a terminal.")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
  boolean verbose;
}
