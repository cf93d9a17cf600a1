package dev.converge.sandbox.store.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * DirectoryLock holds an OS lock on {@code DIR/lock} so two sandboxes, in one process or two,
 * never write the same data directory. The OS drops it when the process dies.
 */
final class DirectoryLock {
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IllegalStateException when another sandbox holds the directory */
  static DirectoryLock acquire(Path dir) {
    Path file = dir.resolve("lock");
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        throw inUse(dir);
      }
      return new DirectoryLock(ch, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(ch);
      throw inUse(dir);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("could not lock the data directory " + dir, e);
    } catch (IllegalStateException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static IllegalStateException inUse(Path dir) {
    return new IllegalStateException("the data directory " + dir
        + " is in use by another sandbox (it holds " + dir.resolve("lock") + ")");
  }

  void release() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // Closing the channel below releases it anyway.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // Nothing was written through it.
      }
    }
  }
}
