package dev.converge.sandbox.store.durable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * RecordFraming turns payloads into self-checking records, {@code [length][crc32c][payload]}
 * with big-endian ints, and reads them back. Pure: files are read and written elsewhere.
 */
final class RecordFraming {
  static final int HEADER = 8;
  /** Larger lengths are garbage, not records (an object is far smaller). */
  static final int MAX_PAYLOAD = 256 * 1024 * 1024;

  private RecordFraming() {}

  static ByteBuffer frame(byte[] payload) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.putInt(payload.length).putInt(checksum(payload, 0, payload.length)).put(payload);
    return buf.flip();
  }

  /**
   * The records in {@code bytes}. An incomplete or unreadable record that runs to the end of
   * the bytes is a write torn by a crash and is dropped; damage followed by more data is not.
   *
   * @throws CorruptLogException when a record in the middle fails its checksum
   */
  static Scan scan(byte[] bytes, String source) {
    List<byte[]> payloads = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      if (bytes.length - pos < HEADER) {
        return new Scan(payloads, pos, true);
      }
      ByteBuffer header = ByteBuffer.wrap(bytes, pos, HEADER);
      int length = header.getInt();
      int crc = header.getInt();
      if (length <= 0 || length > MAX_PAYLOAD) {
        if (zeroFrom(bytes, pos)) {
          return new Scan(payloads, pos, true);
        }
        throw new CorruptLogException(source + ": bad record length " + length + " at " + pos);
      }
      int end = pos + HEADER + length;
      if (end > bytes.length || end < 0) {
        return new Scan(payloads, pos, true);
      }
      if (checksum(bytes, pos + HEADER, length) != crc) {
        if (end == bytes.length) {
          return new Scan(payloads, pos, true);
        }
        throw new CorruptLogException(source + ": checksum mismatch in the record at " + pos);
      }
      byte[] payload = new byte[length];
      System.arraycopy(bytes, pos + HEADER, payload, 0, length);
      payloads.add(payload);
      pos = end;
    }
    return new Scan(payloads, pos, false);
  }

  /** File systems may extend a file with zeros before a crash; that is a torn tail too. */
  private static boolean zeroFrom(byte[] bytes, int pos) {
    for (int i = pos; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /**
   * Records read from a file.
   *
   * @param payloads the intact records, in order
   * @param validLength bytes up to the end of the last intact record
   * @param torn whether bytes after that were dropped as a torn write
   */
  record Scan(List<byte[]> payloads, int validLength, boolean torn) {}
}
