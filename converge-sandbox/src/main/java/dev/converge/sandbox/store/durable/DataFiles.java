package dev.converge.sandbox.store.durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DataFiles names the files of a data directory after the revision they start at, lists them
 * in revision order and syncs the directory so created, renamed and deleted names survive a crash.
 */
final class DataFiles {
  private static final Pattern SEGMENT = Pattern.compile("wal-(\\d{20})\\.log");
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");

  private DataFiles() {}

  static Path segment(Path dir, long firstRevision) {
    return dir.resolve(String.format("wal-%020d.log", firstRevision));
  }

  static Path snapshot(Path dir, long revision) {
    return dir.resolve(String.format("snapshot-%020d.snap", revision));
  }

  /** Log segments by the first revision they may hold, oldest first. */
  static TreeMap<Long, Path> segments(Path dir) throws IOException {
    return list(dir, SEGMENT);
  }

  /** Snapshots by the revision they were taken at, oldest first. */
  static TreeMap<Long, Path> snapshots(Path dir) throws IOException {
    return list(dir, SNAPSHOT);
  }

  private static TreeMap<Long, Path> list(Path dir, Pattern pattern) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = pattern.matcher(f.getFileName().toString());
        if (m.matches()) {
          out.put(Long.parseLong(m.group(1)), f);
        }
      }
    }
    return out;
  }

  /** Deletes the segments and snapshots a snapshot at {@code revision} makes redundant. */
  static void deleteBefore(Path dir, long revision) throws IOException {
    List<Path> doomed = new ArrayList<>(segments(dir).headMap(revision, true).values());
    doomed.addAll(snapshots(dir).headMap(revision, false).values());
    for (Path p : doomed) {
      Files.deleteIfExists(p);
    }
    if (!doomed.isEmpty()) {
      syncDirectory(dir);
    }
  }

  /** A new or renamed file is only durable once its directory entry is. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename itself is then the best there is.
      if (Files.isDirectory(dir) && System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
  }
}
