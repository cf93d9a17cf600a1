package dev.converge.engine.manifest;

import java.util.Optional;

/**
 * Refuses documents with characters YAML does not allow in text: C0 controls other than tab, line
 * feed and carriage return, and the replacement character invalid UTF-8 decodes to. Such a document
 * is binary data (a wrong file, a truncated download), which a YAML parser may otherwise read as an
 * odd string.
 */
final class BinaryText {

  private BinaryText() {}

  static Optional<Problem> problem(String document, Source source) {
    int line = source.line();
    for (int i = 0; i < document.length(); i++) {
      char c = document.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7f || c == '\uFFFD') {
        String what = c == '\uFFFD' ? "bytes that are not UTF-8" : String.format("control character U+%04X", (int) c);
        return Optional.of(new Problem(new Source(source.file(), source.document(), line), null, null,
            "does not parse: binary data, " + what + " on line " + line + "; manifests are UTF-8 text"));
      }
    }
    return Optional.empty();
  }
}
