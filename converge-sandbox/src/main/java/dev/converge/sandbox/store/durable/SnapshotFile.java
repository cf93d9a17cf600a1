package dev.converge.sandbox.store.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * SnapshotFile writes every object at one revision and reads it back. Records are framed like
 * the log's: a header with the revision, one record per object, a trailer with the count. It is
 * written to a temporary file, synced and renamed, so a snapshot is either whole or absent.
 */
final class SnapshotFile {
  private static final String TEMP = "snapshot.tmp";

  private SnapshotFile() {}

  /** Writes a snapshot of {@code entries} at {@code revision} and returns its path. */
  static Path write(Path dir, long revision, Iterable<LogEntry> entries) throws IOException {
    Path tmp = dir.resolve(TEMP);
    long count = 0;
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
      ObjectNode header = Json.object().put("revision", revision);
      writeRecord(out, Json.bytes(header));
      for (LogEntry e : entries) {
        writeRecord(out, e.toBytes());
        count++;
      }
      writeRecord(out, Json.bytes(Json.object().put("count", count)));
      out.flush();
      ch.force(true);
    }
    Path target = DataFiles.snapshot(dir, revision);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    DataFiles.syncDirectory(dir);
    return target;
  }

  private static void writeRecord(OutputStream out, byte[] payload) throws IOException {
    ByteBuffer framed = RecordFraming.frame(payload);
    out.write(framed.array(), 0, framed.limit());
  }

  /**
   * Reads a snapshot into an image at its revision.
   *
   * @throws CorruptLogException when the file is damaged or incomplete
   */
  static StoreImage read(Path file) throws IOException {
    String source = file.getFileName().toString();
    RecordFraming.Scan scan = RecordFraming.scan(Files.readAllBytes(file), source);
    List<byte[]> records = scan.payloads();
    if (scan.torn() || records.size() < 2) {
      throw new CorruptLogException(source + ": incomplete snapshot");
    }
    long revision = Json.parse(records.get(0), false).path("revision").asLong(-1);
    long count = Json.parse(records.get(records.size() - 1), false).path("count").asLong(-1);
    if (revision < 0 || count != records.size() - 2) {
      throw new CorruptLogException(source + ": snapshot header or trailer does not match");
    }
    StoreImage image = new StoreImage(revision);
    for (byte[] r : records.subList(1, records.size() - 1)) {
      image.put(LogEntry.fromBytes(r, source));
    }
    return image;
  }
}
