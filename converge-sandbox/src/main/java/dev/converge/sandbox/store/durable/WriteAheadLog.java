package dev.converge.sandbox.store.durable;

import dev.converge.sandbox.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * WriteAheadLog appends entries to the current segment and syncs each before returning, so a
 * write is on disk before anyone learns of it. Rotating starts a new segment (at a snapshot) so
 * the old ones can be deleted whole.
 */
final class WriteAheadLog implements AutoCloseable {
  private final Path dir;
  private FileChannel channel;
  private IOException failure;

  private WriteAheadLog(Path dir, FileChannel channel) {
    this.dir = dir;
    this.channel = channel;
  }

  /** Starts a segment for revisions from {@code firstRevision} on. */
  static WriteAheadLog open(Path dir, long firstRevision) throws IOException {
    return new WriteAheadLog(dir, openSegment(dir, firstRevision));
  }

  private static FileChannel openSegment(Path dir, long firstRevision) throws IOException {
    // Any file already there holds no intact record after the recovered revision: recovery
    // would have applied it. So it can only be a torn write, safe to overwrite.
    FileChannel ch = FileChannel.open(DataFiles.segment(dir, firstRevision),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    DataFiles.syncDirectory(dir);
    return ch;
  }

  /**
   * Appends and syncs one entry.
   *
   * @throws ApiException 500 when the disk refuses; the log then refuses every later write,
   *     since a half-written record may sit at its end
   */
  synchronized void append(LogEntry entry) {
    if (failure != null || channel == null) {
      throw ApiException.internal("the sandbox cannot write its data directory "
          + dir + (failure == null ? ": closed" : ": " + failure.getMessage()));
    }
    ByteBuffer record = RecordFraming.frame(entry.toBytes());
    try {
      while (record.hasRemaining()) {
        channel.write(record);
      }
      channel.force(false);
    } catch (IOException e) {
      failure = e;
      throw ApiException.internal("the sandbox cannot write its data directory " + dir + ": "
          + e.getMessage());
    }
  }

  /** Closes the current segment and continues in a new one from {@code firstRevision}. */
  synchronized void rotate(long firstRevision) {
    if (failure != null || channel == null) {
      return;
    }
    try {
      channel.close();
      channel = openSegment(dir, firstRevision);
    } catch (IOException e) {
      failure = e;
      throw new UncheckedIOException("could not start a new log segment in " + dir, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
