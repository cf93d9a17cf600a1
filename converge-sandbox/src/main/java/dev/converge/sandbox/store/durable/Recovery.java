package dev.converge.sandbox.store.durable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recovery rebuilds the state a data directory holds: the newest snapshot, then every logged
 * change after it, in revision order.
 */
final class Recovery {
  private Recovery() {}

  /**
   * What recovery found.
   *
   * @param image the recovered objects and revision
   * @param replayed log entries applied on top of the snapshot
   * @param tornTails segments that ended in a torn record (dropped)
   */
  record Result(StoreImage image, int replayed, int tornTails) {}

  static Result recover(Path dir) throws IOException {
    TreeMap<Long, Path> snapshots = DataFiles.snapshots(dir);
    StoreImage image = snapshots.isEmpty() ? new StoreImage(StoreImage.EMPTY_REVISION)
        : SnapshotFile.read(snapshots.lastEntry().getValue());
    int replayed = 0;
    int torn = 0;
    long last = 0;
    for (Map.Entry<Long, Path> segment : DataFiles.segments(dir).entrySet()) {
      String source = segment.getValue().getFileName().toString();
      RecordFraming.Scan scan = RecordFraming.scan(Files.readAllBytes(segment.getValue()),
          source);
      torn += scan.torn() ? 1 : 0;
      for (byte[] payload : scan.payloads()) {
        LogEntry entry = LogEntry.fromBytes(payload, source);
        if (entry.revision() <= last || entry.revision() < segment.getKey()) {
          throw new CorruptLogException(source + ": revision " + entry.revision()
              + " out of order after " + last);
        }
        last = entry.revision();
        replayed += image.apply(entry) ? 1 : 0;
      }
    }
    return new Result(image, replayed, torn);
  }
}
