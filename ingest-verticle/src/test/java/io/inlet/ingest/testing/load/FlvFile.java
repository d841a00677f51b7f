package io.inlet.ingest.testing.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tags of an FLV file (spec v10.1 annex E): just enough to replay them as RTMP messages. */
public final class FlvFile {

  public static final int AUDIO = 8;
  public static final int VIDEO = 9;
  public static final int SCRIPT = 18;

  /** One tag: its type (8, 9, 18), 32-bit timestamp in ms and body. */
  public record Tag(int type, long timestamp, byte[] body) {}

  private FlvFile() {}

  public static List<Tag> read(Path file) throws IOException {
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

  /**
   * Whether a tag only configures its decoder (AVC/HEVC/AV1 sequence header, AAC AudioSpecificConfig,
   * the script tag): a publisher sends these once, not again every time a clip loops.
   */
  public static boolean isConfiguration(Tag tag) {
    byte[] body = tag.body();
    return switch (tag.type()) {
      case SCRIPT -> true;
      case VIDEO -> body.length >= 2 && ((body[0] & 0x80) != 0
          ? (body[0] & 0x0F) == 0 // Enhanced RTMP: PacketTypeSequenceStart
          : (body[0] & 0x0F) == 7 && body[1] == 0); // legacy AVC: AVCPacketType 0
      case AUDIO -> body.length >= 2 && (body[0] & 0xF0) == 0xA0 && body[1] == 0; // AAC sequence header
      default -> false;
    };
  }

  /**
   * Whether a tag ends the video sequence (legacy AVC packet type 2, Enhanced RTMP PacketTypeSequenceEnd):
   * FFmpeg's FLV muxer writes one at the end of a file. Replayed mid-stream it would tell the decoder
   * that the stream is over.
   */
  public static boolean isEndOfSequence(Tag tag) {
    byte[] body = tag.body();
    return tag.type() == VIDEO && body.length >= 2
        && ((body[0] & 0x80) != 0 ? (body[0] & 0x0F) == 2 : (body[0] & 0x0F) == 7 && body[1] == 2);
  }

  private static int u24(ByteBuffer in) {
    return (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | in.get() & 0xFF;
  }
}
