package io.inlet.ingest.flv;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.ByteCursor;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an RTMP audio message (type 8), legacy FLV (spec v10.1 annex E.4.2) or Enhanced RTMP
 * v2 (ExAudioTagHeader), turned into media tags. Unknown codecs are passed on as UNKNOWN_AUDIO for
 * the decoder to refuse; only malformed bytes are errors.
 */
public final class AudioTagParser {

  private static final int FORMAT_MP3 = 2;
  private static final int FORMAT_EX_HEADER = 9;
  private static final int FORMAT_AAC = 10;
  private static final int FORMAT_MP3_8K = 14;

  private static final int SEQUENCE_START = 0;
  private static final int CODED_FRAMES = 1;
  private static final int SEQUENCE_END = 2;
  private static final int MULTICHANNEL_CONFIG = 4;
  private static final int MULTITRACK = 5;

  private AudioTagParser() {}

  /**
   * Parses one audio message payload without moving its reader index. The tags' data are slices
   * of payload. An empty payload is RTMP's "audio silence" message (Enhanced RTMP v2,
   * AudioPacketType notes) and yields no tags.
   *
   * @throws io.inlet.ingest.ProtocolException if the payload is truncated or uses a reserved value
   */
  public static List<FlvMediaTag> parse(ByteBuf payload) {
    if (!payload.isReadable()) {
      return List.of();
    }
    ByteCursor reader = ByteCursor.over(payload, "audio message");
    int first = reader.u8("audio tag header");
    int soundFormat = first >>> 4;
    return switch (soundFormat) {
      case FORMAT_EX_HEADER -> parseEnhanced(reader, first & 0x0F);
      case FORMAT_AAC -> List.of(parseLegacyAac(reader));
      case FORMAT_MP3, FORMAT_MP3_8K ->
          List.of(tag(MediaCodec.MP3, 0, FlvPacketType.CODED_FRAMES, reader.rest()));
      // PCM, ADPCM, Nellymoser, G.711, Speex...: nothing Inlet decodes, but not an error either.
      default ->
          List.of(tag(MediaCodec.UNKNOWN_AUDIO, 0, FlvPacketType.CODED_FRAMES, reader.rest()));
    };
  }

  private static FlvMediaTag parseLegacyAac(ByteCursor reader) {
    int packetType = reader.u8("AACPacketType");
    FlvPacketType type =
        switch (packetType) {
          case 0 -> FlvPacketType.SEQUENCE_START;
          case 1 -> FlvPacketType.CODED_FRAMES;
          default -> throw reader.malformed("uses reserved AACPacketType " + packetType);
        };
    return tag(MediaCodec.AAC, 0, type, reader.rest());
  }

  private static List<FlvMediaTag> parseEnhanced(ByteCursor reader, int firstPacketType) {
    // With the ExHeader sound format, the low nibble is an AudioPacketType, not rate/size/type.
    int packetType = ModEx.skip(reader, firstPacketType);
    checkPacketType(reader, packetType);
    if (packetType != MULTITRACK) {
      int fourCc = reader.i32("audio FourCC");
      return List.of(parseBody(reader, packetType, fourCc, 0));
    }
    Multitrack.Header header = Multitrack.readHeader(reader, MULTITRACK);
    checkPacketType(reader, header.packetType());
    List<FlvMediaTag> tags = new ArrayList<>(2);
    Multitrack.forEachTrack(
        reader,
        header.multitrackType(),
        (fourCc, trackId, body) -> tags.add(parseBody(body, header.packetType(), fourCc, trackId)));
    return tags;
  }

  /** One ExAudioTagBody (or one track of it): everything after the FourCC and track id. */
  private static FlvMediaTag parseBody(ByteCursor reader, int packetType, int fourCc, int trackId) {
    MediaCodec codec = MediaCodec.ofFourCc(TrackKind.AUDIO, fourCc);
    FlvPacketType type =
        switch (packetType) {
          case SEQUENCE_START -> FlvPacketType.SEQUENCE_START;
          case CODED_FRAMES -> FlvPacketType.CODED_FRAMES;
          case SEQUENCE_END -> FlvPacketType.SEQUENCE_END;
          case MULTICHANNEL_CONFIG -> FlvPacketType.MULTICHANNEL_CONFIG;
          default -> throw reader.malformed("uses reserved audio packet type " + packetType);
        };
    return tag(codec, trackId, type, reader.rest());
  }

  private static void checkPacketType(ByteCursor reader, int packetType) {
    boolean known =
        packetType == SEQUENCE_START
            || packetType == CODED_FRAMES
            || packetType == SEQUENCE_END
            || packetType == MULTICHANNEL_CONFIG
            || packetType == MULTITRACK;
    if (!known) {
      throw reader.malformed("uses reserved audio packet type " + packetType);
    }
  }

  private static FlvMediaTag tag(MediaCodec codec, int trackId, FlvPacketType type, ByteBuf data) {
    // Every audio frame can start decoding, so all of them count as key frames.
    return new FlvMediaTag(TrackKind.AUDIO, codec, trackId, type, true, 0, data);
  }
}
