package dev.converge.sandbox.store.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log and snapshot files on their own: what is written is what recovery reads back. */
class RecoveryTest {
  @TempDir
  Path dir;

  @Test
  void givenLoggedChanges_whenRecovered_thenPutsAndDeletesAreRedoneInOrder() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(2, "a", "1"));
      log.append(put(3, "b", "1"));
      log.append(put(4, "a", "2"));
      log.append(delete(5, "b"));
    }

    Recovery.Result result = Recovery.recover(dir);

    assertThat(result.image().revision()).isEqualTo(5);
    assertThat(result.replayed()).isEqualTo(4);
    assertThat(result.tornTails()).isZero();
    assertThat(result.image().get("configmaps", "default", "a").path("data").path("v").asText())
        .isEqualTo("2");
    assertThat(result.image().get("configmaps", "default", "b")).isNull();
  }

  @Test
  void givenRecordCutMidway_whenRecovered_thenItIsDroppedAndEarlierOnesKept() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(2, "a", "1"));
      log.append(put(3, "b", "1"));
    }
    Path segment = DataFiles.segment(dir, 2);
    long full = Files.size(segment);
    for (long cut : new long[] {full - 1, full - 20, full - RecordFraming.HEADER - 1}) {
      truncate(segment, full, cut);

      Recovery.Result result = Recovery.recover(dir);

      assertThat(result.tornTails()).as("cut at %d", cut).isEqualTo(1);
      assertThat(result.image().revision()).isEqualTo(2);
      assertThat(result.image().get("configmaps", "default", "a")).isNotNull();
      assertThat(result.image().get("configmaps", "default", "b")).isNull();
    }
  }

  @Test
  void givenZeroFilledTail_whenRecovered_thenItCountsAsTorn() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(2, "a", "1"));
    }
    Files.write(DataFiles.segment(dir, 2), new byte[64], StandardOpenOption.APPEND);

    Recovery.Result result = Recovery.recover(dir);

    assertThat(result.tornTails()).isEqualTo(1);
    assertThat(result.image().revision()).isEqualTo(2);
  }

  @Test
  void givenFlippedByteBeforeTheEnd_whenRecovered_thenChecksumMismatchStopsTheStart()
      throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(2, "a", "1"));
      log.append(put(3, "b", "1"));
    }
    Path segment = DataFiles.segment(dir, 2);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[RecordFraming.HEADER + 5] ^= 0x20;
    Files.write(segment, bytes);

    assertThatThrownBy(() -> Recovery.recover(dir)).isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void givenFlippedByteInTheLastRecord_whenRecovered_thenOnlyThatRecordIsDropped()
      throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(2, "a", "1"));
      log.append(put(3, "b", "1"));
    }
    Path segment = DataFiles.segment(dir, 2);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 3] ^= 0x20;
    Files.write(segment, bytes);

    Recovery.Result result = Recovery.recover(dir);

    assertThat(result.tornTails()).isEqualTo(1);
    assertThat(result.image().revision()).isEqualTo(2);
  }

  @Test
  void givenSnapshotAndLaterLog_whenRecovered_thenImageEqualsReplayingEverything()
      throws IOException {
    List<LogEntry> all = new ArrayList<>();
    for (int rv = 2; rv < 60; rv++) {
      all.add(rv % 7 == 0 ? delete(rv, "k" + (rv % 5)) : put(rv, "k" + (rv % 5), "v" + rv));
    }
    StoreImage expected = new StoreImage(StoreImage.EMPTY_REVISION);
    all.forEach(expected::apply);
    StoreImage atSnapshot = new StoreImage(StoreImage.EMPTY_REVISION);
    all.subList(0, 30).forEach(atSnapshot::apply);
    // the snapshot covers revisions up to 31; the old segment still overlaps it
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      all.subList(0, 30).forEach(log::append);
      SnapshotFile.write(dir, atSnapshot.revision(), entries(atSnapshot));
      log.rotate(atSnapshot.revision() + 1);
      all.subList(30, all.size()).forEach(log::append);
    }

    Recovery.Result result = Recovery.recover(dir);

    assertThat(result.image()).isEqualTo(expected);
    assertThat(result.replayed()).isEqualTo(all.size() - 30);
  }

  @Test
  void givenSnapshot_whenOldFilesDeleted_thenRecoveryNeedsOnlyTheSnapshot() throws IOException {
    StoreImage image = new StoreImage(StoreImage.EMPTY_REVISION);
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      for (int rv = 2; rv < 12; rv++) {
        log.append(put(rv, "k" + rv, "v"));
        image.apply(put(rv, "k" + rv, "v"));
      }
      SnapshotFile.write(dir, image.revision(), entries(image));
      log.rotate(image.revision() + 1);
    }

    DataFiles.deleteBefore(dir, image.revision());

    assertThat(DataFiles.segments(dir)).containsOnlyKeys(12L);
    assertThat(Recovery.recover(dir).image()).isEqualTo(image);
  }

  @Test
  void givenRevisionsGoingBackwards_whenRecovered_thenTheLogIsRejected() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 2)) {
      log.append(put(5, "a", "1"));
      log.append(put(4, "b", "1"));
    }

    assertThatThrownBy(() -> Recovery.recover(dir)).isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("out of order");
  }

  @Test
  void givenTruncatedSnapshot_whenRead_thenItIsRejected() throws IOException {
    StoreImage image = new StoreImage(9);
    image.put(put(9, "a", "1"));
    Path file = SnapshotFile.write(dir, 9, entries(image));
    truncate(file, Files.size(file), Files.size(file) - 4);

    assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(CorruptLogException.class);
  }

  static LogEntry put(long rv, String name, String value) {
    ObjectNode cm = Json.object();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    Json.metadata(cm).put("name", name).put("namespace", "default")
        .put("resourceVersion", Long.toString(rv));
    cm.putObject("data").put("v", value);
    return new LogEntry(rv, "MODIFIED", "configmaps", "default", name, cm);
  }

  static LogEntry delete(long rv, String name) {
    return new LogEntry(rv, LogEntry.DELETED, "configmaps", "default", name, null);
  }

  private static List<LogEntry> entries(StoreImage image) {
    List<LogEntry> out = new ArrayList<>();
    image.objects().values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  private static void truncate(Path file, long full, long length) throws IOException {
    assertThat(length).isLessThan(full);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
    }
  }
}
