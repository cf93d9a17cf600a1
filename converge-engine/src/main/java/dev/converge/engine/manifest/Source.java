package dev.converge.engine.manifest;

import java.util.Objects;

/**
 * Where a manifest object came from: the file ({@code -} for standard input), the index of its YAML
 * document in that file (0-based, counting empty documents, as editors number them), and the line
 * its document starts on (1-based).
 */
public record Source(String file, int document, int line) {

  public Source {
    Objects.requireNonNull(file, "file == null");
  }

  /** Renders as {@code deploy.yaml#2 (line 14)}, the form used in every problem message. */
  @Override
  public String toString() {
    return file + "#" + document + " (line " + line + ")";
  }
}
