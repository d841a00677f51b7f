package io.inlet.ingest.flv;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an RTMP video message (type 9), legacy FLV (spec v10.1 annex E.4.3) or Enhanced RTMP
 * v1/v2 (ExVideoTagHeader), turned into media tags. Unknown codecs are passed on as UNKNOWN_VIDEO
 * for the decoder to refuse; only malformed bytes are errors.
 */
public final class VideoTagParser {

  private static final int FRAME_KEY = 1;
  private static final int FRAME_GENERATED_KEY = 4;
  private static final int FRAME_COMMAND = 5;

  private static final int LEGACY_AVC = 7;
  // Not in the FLV spec: the HEVC-in-FLV extension of Chinese CDNs and OBS forks, laid out as AVC.
  private static final int LEGACY_HEVC = 12;

  private static final int SEQUENCE_START = 0;
  private static final int CODED_FRAMES = 1;
  private static final int SEQUENCE_END = 2;
  private static final int CODED_FRAMES_X = 3;
  private static final int METADATA = 4;
  private static final int MPEG2TS_SEQUENCE_START = 5;
  private static final int MULTITRACK = 6;

  // VVC has no MediaCodec yet, but its CodedFrames carry a composition time like AVC and HEVC:
  // skipping it keeps the data slice right for the day it gets one.
  private static final int VVC1 = 0x76766331;

  private VideoTagParser() {}

  /**
   * Parses one video message payload without moving its reader index. The tags' data are slices
   * of payload.
   *
   * @throws io.inlet.ingest.ProtocolException if the payload is empty, truncated or uses a
   *     reserved value
   */
  public static List<FlvMediaTag> parse(ByteBuf payload) {
    ByteCursor reader = ByteCursor.over(payload, "video message");
    int first = reader.u8("video tag header");
    if ((first & 0x80) != 0) {
      return parseEnhanced(reader, first);
    }
    return List.of(parseLegacy(reader, first));
  }

  private static FlvMediaTag parseLegacy(ByteCursor reader, int first) {
    int frameType = first >>> 4;
    int codecId = first & 0x0F;
    checkFrameType(reader, frameType);
    MediaCodec codec =
        switch (codecId) {
          case LEGACY_AVC -> MediaCodec.H264;
          case LEGACY_HEVC -> MediaCodec.HEVC;
          default -> MediaCodec.UNKNOWN_VIDEO;
        };
    if (frameType == FRAME_COMMAND) {
      // The UI8 command that should follow is not required: it only drives client-side seeking,
      // which a publisher has no business signalling, and old encoders omit it.
      return tag(codec, 0, FlvPacketType.COMMAND, false, 0, Unpooled.EMPTY_BUFFER);
    }
    boolean key = isKey(frameType);
    if (codec == MediaCodec.UNKNOWN_VIDEO) {
      return tag(codec, 0, FlvPacketType.CODED_FRAMES, key, 0, reader.rest());
    }
    int packetType = reader.u8("AVCPacketType");
    FlvPacketType type =
        switch (packetType) {
          case 0 -> FlvPacketType.SEQUENCE_START;
          case 1 -> FlvPacketType.CODED_FRAMES;
          case 2 -> FlvPacketType.SEQUENCE_END;
          default -> throw reader.malformed("uses reserved AVCPacketType " + packetType);
        };
    int compositionTime = reader.s24("composition time");
    return tag(codec, 0, type, key, compositionTime, reader.rest());
  }

  private static List<FlvMediaTag> parseEnhanced(ByteCursor reader, int first) {
    int frameType = (first >>> 4) & 0x07;
    checkFrameType(reader, frameType);
    int packetType = ModEx.skip(reader, first & 0x0F);
    checkPacketType(reader, packetType);
    if (frameType == FRAME_COMMAND && packetType != METADATA) {
      // A command frame carries one UI8 (seek start/end) and no FourCC or media.
      reader.u8("video command");
      return List.of(
          tag(MediaCodec.UNKNOWN_VIDEO, 0, FlvPacketType.COMMAND, false, 0, Unpooled.EMPTY_BUFFER));
    }
    if (packetType != MULTITRACK) {
      int fourCc = reader.i32("video FourCC");
      return List.of(parseBody(reader, frameType, packetType, fourCc, 0));
    }
    Multitrack.Header header = Multitrack.readHeader(reader, MULTITRACK);
    checkPacketType(reader, header.packetType());
    List<FlvMediaTag> tags = new ArrayList<>(2);
    Multitrack.forEachTrack(
        reader,
        header.multitrackType(),
        (fourCc, trackId, body) ->
            tags.add(parseBody(body, frameType, header.packetType(), fourCc, trackId)));
    return tags;
  }

  /** One ExVideoTagBody (or one track of it): everything after the FourCC and track id. */
  private static FlvMediaTag parseBody(
      ByteCursor reader, int frameType, int packetType, int fourCc, int trackId) {
    MediaCodec codec = MediaCodec.ofFourCc(TrackKind.VIDEO, fourCc);
    boolean key = isKey(frameType);
    return switch (packetType) {
      case SEQUENCE_START ->
          tag(codec, trackId, FlvPacketType.SEQUENCE_START, key, 0, reader.rest());
      case CODED_FRAMES -> {
        boolean hasCompositionTime =
            codec == MediaCodec.H264 || codec == MediaCodec.HEVC || fourCc == VVC1;
        int compositionTime = hasCompositionTime ? reader.s24("composition time") : 0;
        yield tag(codec, trackId, FlvPacketType.CODED_FRAMES, key, compositionTime, reader.rest());
      }
      case CODED_FRAMES_X -> tag(codec, trackId, FlvPacketType.CODED_FRAMES, key, 0, reader.rest());
      case SEQUENCE_END -> tag(codec, trackId, FlvPacketType.SEQUENCE_END, key, 0, reader.rest());
      // The spec says the frame type is ignored for metadata, so it is never a key frame.
      case METADATA -> tag(codec, trackId, FlvPacketType.METADATA, false, 0, reader.rest());
      case MPEG2TS_SEQUENCE_START -> {
        if (codec != MediaCodec.AV1) {
          throw reader.malformed(
              "sends MPEG2TSSequenceStart for "
                  + MediaCodec.fourCcText(fourCc)
                  + ", which is defined for av01 only");
        }
        yield tag(codec, trackId, FlvPacketType.SEQUENCE_START, key, 0, reader.rest());
      }
      default -> throw reader.malformed("uses reserved video packet type " + packetType);
    };
  }

  private static void checkFrameType(ByteCursor reader, int frameType) {
    if (frameType < FRAME_KEY || frameType > FRAME_COMMAND) {
      throw reader.malformed("uses reserved video frame type " + frameType);
    }
  }

  private static void checkPacketType(ByteCursor reader, int packetType) {
    if (packetType > MULTITRACK) {
      throw reader.malformed("uses reserved video packet type " + packetType);
    }
  }

  private static boolean isKey(int frameType) {
    return frameType == FRAME_KEY || frameType == FRAME_GENERATED_KEY;
  }

  private static FlvMediaTag tag(
      MediaCodec codec,
      int trackId,
      FlvPacketType type,
      boolean key,
      int compositionTime,
      ByteBuf data) {
    return new FlvMediaTag(TrackKind.VIDEO, codec, trackId, type, key, compositionTime, data);
  }
}
