package dev.converge.sandbox.store.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.sandbox.store.ObjectStore;
import dev.converge.sandbox.store.WatchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataDirectory keeps a sandbox's objects on disk: it recovers them at open, logs and syncs
 * every commit before the store applies it, and snapshots every {@code snapshotEvery} commits
 * so the log, and the next start, stay short.
 *
 * <p>Watch history does not survive a restart: the restored store's history starts empty at the
 * recovered revision, so a watch resuming from that revision continues, and one resuming from an
 * older revision gets 410 Gone and relists, as after an etcd compaction.
 */
public final class DataDirectory implements AutoCloseable {
  /** Commits between snapshots: bounds the log replayed at start. */
  public static final int DEFAULT_SNAPSHOT_EVERY = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private final Path dir;
  private final DirectoryLock lock;
  private final int snapshotEvery;
  private final ExecutorService snapshotter;
  private final AtomicBoolean snapshotPending = new AtomicBoolean();
  private StoreImage recovered;
  private WriteAheadLog log;
  private ObjectStore store;
  /** Commits since the last log rotation; written under the store lock. */
  private volatile int sinceSnapshot;

  private DataDirectory(Path dir, DirectoryLock lock, int snapshotEvery) {
    this.dir = dir;
    this.lock = lock;
    this.snapshotEvery = snapshotEvery;
    this.snapshotter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sandbox-snapshot");
      t.setDaemon(true);
      return t;
    });
  }

  /** Locks {@code dir} (creating it) and recovers what it holds. */
  public static DataDirectory open(Path dir) {
    return open(dir, DEFAULT_SNAPSHOT_EVERY);
  }

  static DataDirectory open(Path dir, int snapshotEvery) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the data directory " + abs, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(abs);
    DataDirectory d = new DataDirectory(abs, lock, snapshotEvery);
    try {
      d.recover();
      return d;
    } catch (IOException | RuntimeException e) {
      d.closeWithoutSnapshot();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("could not recover the data directory " + abs, io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Loads snapshot and log, then folds the replayed log into a fresh snapshot so damaged or
   * replayed segments never need reading twice, and starts a new segment after it.
   */
  private void recover() throws IOException {
    Recovery.Result result = Recovery.recover(dir);
    recovered = result.image();
    if (result.tornTails() > 0) {
      LOG.warn("{}: dropped {} record(s) torn by a crash; nothing acknowledged was lost", dir,
          result.tornTails());
    }
    if (!DataFiles.segments(dir).isEmpty()) {
      SnapshotFile.write(dir, recovered.revision(), entries(recovered));
      DataFiles.deleteBefore(dir, recovered.revision());
    }
    log = WriteAheadLog.open(dir, recovered.revision() + 1);
  }

  private static List<LogEntry> entries(StoreImage image) {
    List<LogEntry> out = new ArrayList<>();
    image.objects().values().forEach(byKey -> out.addAll(byKey.values()));
    return out;
  }

  /** Builds the store holding the recovered objects, persisting every later commit here. */
  public synchronized ObjectStore createStore(int historyLimit) {
    if (store != null) {
      throw new IllegalStateException("the store of " + dir + " exists already");
    }
    ObjectStore s = new ObjectStore(historyLimit, recovered.revision(), this::persist);
    for (Map<String, LogEntry> byKey : recovered.objects().values()) {
      for (LogEntry e : byKey.values()) {
        s.preload(e.groupResource(), e.namespace(), e.name(), e.object());
      }
    }
    recovered = null;
    store = s;
    return s;
  }

  /** Where the CA lives, so kubeconfigs written before a restart stay valid. */
  public Path pkiDirectory() {
    return dir.resolve("pki");
  }

  /** The admin token kept in {@code admin-token}: {@code explicit} when given, else the kept one. */
  public String adminToken(String explicit) {
    return AdminTokenFile.loadOrCreate(dir.resolve("admin-token"), explicit);
  }

  public Path path() {
    return dir;
  }

  /** Called by the store under its write lock, in revision order. */
  private void persist(WatchEvent event) {
    log.append(LogEntry.of(event));
    if (++sinceSnapshot >= snapshotEvery && snapshotPending.compareAndSet(false, true)) {
      try {
        snapshotter.execute(this::snapshotInBackground);
      } catch (RejectedExecutionException closing) {
        // The entry is logged, so the write stands; closing takes the snapshot instead.
      }
    }
  }

  private void snapshotInBackground() {
    try {
      snapshot();
    } catch (IOException | RuntimeException e) {
      // The log still holds everything; the next snapshot or start folds it in.
      LOG.warn("{}: snapshot failed: {}", dir, e.toString());
    } finally {
      snapshotPending.set(false);
    }
  }

  /** Captures every object, starting a new segment at the same instant, and writes them. */
  void snapshot() throws IOException {
    ObjectStore.Dump dump = store.dump(revision -> {
      log.rotate(revision + 1);
      sinceSnapshot = 0;
    });
    List<LogEntry> entries = new ArrayList<>();
    dump.objects().forEach((gr, objects) -> {
      for (ObjectNode o : objects) {
        entries.add(new LogEntry(dump.revision(), "ADDED", gr,
            o.path("metadata").path("namespace").asText(""),
            o.path("metadata").path("name").asText(), o));
      }
    });
    SnapshotFile.write(dir, dump.revision(), entries);
    DataFiles.deleteBefore(dir, dump.revision());
  }

  /** Writes a final snapshot (so the next start replays nothing) and releases the directory. */
  @Override
  public void close() {
    stopSnapshotter();
    try {
      if (store != null && sinceSnapshot > 0) {
        snapshot();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: final snapshot failed, the log keeps everything: {}", dir, e.toString());
    } finally {
      closeWithoutSnapshot();
    }
  }

  /** Releases the directory as a crash would leave it: the log as synced, no final snapshot. */
  public void closeWithoutSnapshot() {
    stopSnapshotter();
    try {
      if (log != null) {
        log.close();
      }
    } catch (IOException e) {
      LOG.warn("{}: closing the log failed: {}", dir, e.toString());
    } finally {
      lock.release();
    }
  }

  private void stopSnapshotter() {
    snapshotter.shutdown();
    try {
      snapshotter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
