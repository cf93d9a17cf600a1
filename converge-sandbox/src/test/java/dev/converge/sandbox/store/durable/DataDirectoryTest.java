package dev.converge.sandbox.store.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.api.Json;
import dev.converge.sandbox.store.Mutation;
import dev.converge.sandbox.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store backed by a data directory survives close and crash with every committed write. */
class DataDirectoryTest {
  private static final int HISTORY = 100;

  @TempDir
  Path dir;

  @Test
  void givenWrites_whenCrashedAndReopened_thenEveryObjectAndTheRevisionAreBack() {
    DataDirectory data = DataDirectory.open(dir);
    ObjectStore store = data.createStore(HISTORY);
    for (int i = 0; i < 20; i++) {
      put(store, "cm-" + i, "v" + i);
    }
    delete(store, "cm-3");
    long revision = store.revision();
    data.closeWithoutSnapshot();

    DataDirectory reopened = DataDirectory.open(dir);
    try {
      ObjectStore restored = reopened.createStore(HISTORY);

      assertThat(restored.revision()).isEqualTo(revision);
      assertThat(restored.size()).isEqualTo(19);
      assertThat(restored.get("configmaps", "default", "cm-7").path("data").path("v").asText())
          .isEqualTo("v7");
      assertThat(restored.get("configmaps", "default", "cm-3")).isNull();
      assertThat(put(restored, "after", "x")).isGreaterThan(revision);
    } finally {
      reopened.close();
    }
  }

  @Test
  void givenCleanClose_whenReopened_thenOnlyASnapshotIsLeftToRead() throws IOException {
    DataDirectory data = DataDirectory.open(dir);
    ObjectStore store = data.createStore(HISTORY);
    put(store, "a", "1");
    put(store, "b", "2");
    data.close();

    assertThat(DataFiles.snapshots(dir)).containsOnlyKeys(store.revision());
    assertThat(Files.size(DataFiles.segment(dir, store.revision() + 1))).isZero();
    DataDirectory reopened = DataDirectory.open(dir);
    try {
      ObjectStore restored = reopened.createStore(HISTORY);
      assertThat(restored.get("configmaps", "default", "b").path("data").path("v").asText())
          .isEqualTo("2");
    } finally {
      reopened.close();
    }
  }

  @Test
  void givenManyWrites_whenSnapshotsRun_thenOldSegmentsAreDeletedAndNothingIsLost()
      throws IOException {
    DataDirectory data = DataDirectory.open(dir, 25);
    ObjectStore store = data.createStore(HISTORY);
    for (int i = 0; i < 200; i++) {
      put(store, "cm-" + (i % 40), "v" + i);
    }
    long revision = store.revision();
    data.closeWithoutSnapshot();

    assertThat(DataFiles.segments(dir).size()).isLessThanOrEqualTo(3);
    DataDirectory reopened = DataDirectory.open(dir);
    try {
      ObjectStore restored = reopened.createStore(HISTORY);
      assertThat(restored.revision()).isEqualTo(revision);
      assertThat(restored.size()).isEqualTo(40);
      assertThat(restored.get("configmaps", "default", "cm-39").path("data").path("v").asText())
          .isEqualTo("v199");
    } finally {
      reopened.close();
    }
  }

  @Test
  void givenOpenDirectory_whenASecondSandboxOpensIt_thenItIsRefusedClearly() {
    DataDirectory data = DataDirectory.open(dir);
    try {
      assertThatThrownBy(() -> DataDirectory.open(dir))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
    } finally {
      data.close();
    }
    DataDirectory.open(dir).close();
  }

  @Test
  void givenNoToken_whenAskedTwice_thenTheKeptTokenIsOwnerOnlyAndStable() throws IOException {
    DataDirectory data = DataDirectory.open(dir);
    String first;
    try {
      first = data.adminToken(null);
    } finally {
      data.close();
    }
    DataDirectory again = DataDirectory.open(dir);
    try {
      assertThat(again.adminToken(null)).isEqualTo(first);
      assertThat(again.adminToken("chosen")).isEqualTo("chosen");
      assertThat(again.adminToken(null)).isEqualTo("chosen");
    } finally {
      again.close();
    }
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve("admin-token")))).isEqualTo("rw-------");
  }

  @Test
  void measureWriteThroughput() {
    int writes = 300;
    ObjectStore memory = new ObjectStore(HISTORY, 1);
    double inMemory = writesPerSecond(memory, writes);
    DataDirectory data = DataDirectory.open(dir);
    try {
      double durable = writesPerSecond(data.createStore(HISTORY), writes);
      System.out.printf("store writes/s: in memory %.0f, durable (fsync per write) %.0f%n",
          inMemory, durable);
      assertThat(durable).isPositive();
    } finally {
      data.close();
    }
  }

  private static double writesPerSecond(ObjectStore store, int writes) {
    for (int i = 0; i < 50; i++) {
      put(store, "warm-" + i, "w");
    }
    long start = System.nanoTime();
    for (int i = 0; i < writes; i++) {
      put(store, "cm-" + (i % 50), "v" + i);
    }
    return writes / ((System.nanoTime() - start) / 1e9);
  }

  static long put(ObjectStore store, String name, String value) {
    ObjectNode stored = store.mutate("configmaps", "default", name, (current, rv) -> {
      ObjectNode cm = Json.object();
      cm.put("apiVersion", "v1").put("kind", "ConfigMap");
      Json.metadata(cm).put("name", name).put("namespace", "default")
          .put("resourceVersion", Long.toString(rv));
      cm.putObject("data").put("v", value);
      return Mutation.Outcome.put(cm);
    });
    return Long.parseLong(stored.path("metadata").path("resourceVersion").asText());
  }

  private static void delete(ObjectStore store, String name) {
    store.mutate("configmaps", "default", name, (current, rv) -> Mutation.Outcome.delete(current));
  }
}
