package io.inlet.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tags of an FLV file (spec v10.1 annex E): just enough to replay them as RTMP messages. */
final class FlvFile {

  static final int AUDIO = 8;
  static final int VIDEO = 9;
  static final int SCRIPT = 18;

  /** One tag: its type (8, 9, 18), 32-bit timestamp in ms and body. */
  record Tag(int type, long timestamp, byte[] body) {}

  private FlvFile() {}

  static List<Tag> read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    if (in.remaining() < 13 || in.get(0) != 'F' || in.get(1) != 'L' || in.get(2) != 'V') {
      throw new IOException(file + " is not an FLV file");
    }
    in.position(in.getInt(5) + 4); // header, then PreviousTagSize0
    List<Tag> tags = new ArrayList<>();
    while (in.remaining() >= 11) {
      int type = in.get() & 0x1F;
      int size = u24(in);
      long timestamp = u24(in) | (long) (in.get() & 0xFF) << 24;
      in.position(in.position() + 3); // stream id, always 0
      if (in.remaining() < size) {
        break; // a truncated last tag
      }
      byte[] body = Arrays.copyOfRange(in.array(), in.position(), in.position() + size);
      in.position(in.position() + size + Math.min(4, in.remaining() - size)); // body, PreviousTagSize
      tags.add(new Tag(type, timestamp, body));
    }
    return tags;
  }

  private static int u24(ByteBuffer in) {
    return (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | in.get() & 0xFF;
  }
}
