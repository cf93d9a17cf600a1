package dev.converge.sandbox.http.protobuf;

import dev.converge.sandbox.api.ApiException;
import java.nio.charset.StandardCharsets;

/** WireReader reads protobuf wire format: tags, varints and length-delimited fields. */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  WireReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  boolean hasMore() {
    return pos < end;
  }

  /** Reads a tag; the field number is {@code tag >>> 3}, the wire type {@code tag & 7}. */
  int tag() {
    return (int) varint();
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = next();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed();
  }

  /** A length-delimited field as a reader over its bytes. */
  WireReader nested() {
    int length = length();
    WireReader r = new WireReader(buf, pos, length);
    pos += length;
    return r;
  }

  byte[] bytes() {
    int length = length();
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  String string() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> advance(length());
      case FIXED32 -> advance(4);
      default -> throw malformed();
    }
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw malformed();
    }
    return (int) length;
  }

  private void advance(int n) {
    if (n > end - pos) {
      throw malformed();
    }
    pos += n;
  }

  private byte next() {
    if (pos >= end) {
      throw malformed();
    }
    return buf[pos++];
  }

  private static ApiException malformed() {
    return ApiException.badRequest("the protobuf body of the request is malformed");
  }
}
