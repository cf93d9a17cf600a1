package dev.converge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** ConvergeVersion reads the version Maven stamped into {@code version.properties} at build. */
final class ConvergeVersion implements IVersionProvider {
  static String current() {
    Properties props = new Properties();
    try (InputStream in = ConvergeVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the converge version", e);
    }
    return props.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"converge " + current()};
  }
}
