package io.inlet.ingest.flv;

import static io.inlet.bus.MediaCodec.AAC;
import static io.inlet.bus.MediaCodec.AC3;
import static io.inlet.bus.MediaCodec.EAC3;
import static io.inlet.bus.MediaCodec.FLAC;
import static io.inlet.bus.MediaCodec.MP3;
import static io.inlet.bus.MediaCodec.OPUS;
import static io.inlet.bus.MediaCodec.UNKNOWN_AUDIO;
import static io.inlet.ingest.flv.FlvPacketType.CODED_FRAMES;
import static io.inlet.ingest.flv.FlvPacketType.MULTICHANNEL_CONFIG;
import static io.inlet.ingest.flv.FlvPacketType.SEQUENCE_END;
import static io.inlet.ingest.flv.FlvPacketType.SEQUENCE_START;
import static io.inlet.ingest.flv.TagVectors.bad;
import static io.inlet.ingest.flv.TagVectors.bytes;
import static io.inlet.ingest.flv.TagVectors.expect;
import static io.inlet.ingest.flv.TagVectors.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.TrackKind;
import io.inlet.ingest.flv.TagVectors.Bad;
import io.inlet.ingest.flv.TagVectors.Case;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AudioTagParserTest {

  private static final String OPUS_CC = TagVectors.fourCc("Opus");
  private static final String MP4A = TagVectors.fourCc("mp4a");
  private static final String FLAC_CC = TagVectors.fourCc("fLaC");
  private static final String AC_3 = TagVectors.fourCc("ac-3");
  private static final String EC_3 = TagVectors.fourCc("ec-3");
  private static final String DOT_MP3 = TagVectors.fourCc(".mp3");

  /** RFC 7845 section 5.1 ID header: stereo, pre-skip 312, 48 kHz, gain 0, mapping family 0. */
  private static final String OPUS_HEAD = "4f707573486561640102380180bb0000000000";

  static Stream<Case> valid() {
    return Stream.of(
        // Legacy FLV, spec v10.1 annex E.4.2.1: format | rate | size | type, then AACPacketType.
        row("legacy AAC sequence header", bytes("af 00 1210"),
            expect(AAC, 0, SEQUENCE_START, true, 0, "1210")),
        row("legacy AAC raw frame", bytes("af 01 21100465"),
            expect(AAC, 0, CODED_FRAMES, true, 0, "21100465")),
        row("legacy AAC ignores the rate/size/type bits", bytes("a2 01 aa"),
            expect(AAC, 0, CODED_FRAMES, true, 0, "aa")),
        row("legacy MP3", bytes("2f fffb9064"),
            expect(MP3, 0, CODED_FRAMES, true, 0, "fffb9064")),
        row("legacy MP3 8 kHz", bytes("e6 fffb"),
            expect(MP3, 0, CODED_FRAMES, true, 0, "fffb")),
        row("legacy Speex is unknown, not an error", bytes("b6 aabb"),
            expect(UNKNOWN_AUDIO, 0, CODED_FRAMES, true, 0, "aabb")),
        row("legacy G.711 A-law is unknown, not an error", bytes("72 d5d5"),
            expect(UNKNOWN_AUDIO, 0, CODED_FRAMES, true, 0, "d5d5")),
        // Enhanced RTMP v2: ExHeader (9) | AudioPacketType, FourCC, body.
        row("Opus SequenceStart", bytes("90", OPUS_CC, OPUS_HEAD),
            expect(OPUS, 0, SEQUENCE_START, true, 0, OPUS_HEAD)),
        row("Opus CodedFrames", bytes("91", OPUS_CC, "fcfffe"),
            expect(OPUS, 0, CODED_FRAMES, true, 0, "fcfffe")),
        row("mp4a SequenceStart", bytes("90", MP4A, "1190"),
            expect(AAC, 0, SEQUENCE_START, true, 0, "1190")),
        row("mp4a SequenceEnd", bytes("92", MP4A),
            expect(AAC, 0, SEQUENCE_END, true, 0, "")),
        row("fLaC SequenceStart", bytes("90", FLAC_CC, "664c6143 0000"),
            expect(FLAC, 0, SEQUENCE_START, true, 0, "664c61430000")),
        row("ac-3 CodedFrames", bytes("91", AC_3, "0b77"),
            expect(AC3, 0, CODED_FRAMES, true, 0, "0b77")),
        row("ec-3 CodedFrames", bytes("91", EC_3, "0b77"),
            expect(EAC3, 0, CODED_FRAMES, true, 0, "0b77")),
        row(".mp3 CodedFrames", bytes("91", DOT_MP3, "fffb"),
            expect(MP3, 0, CODED_FRAMES, true, 0, "fffb")),
        row("MultichannelConfig", bytes("94", OPUS_CC, "01 02 00000003"),
            expect(OPUS, 0, MULTICHANNEL_CONFIG, true, 0, "010200000003")),
        row("unknown FourCC is UNKNOWN_AUDIO", bytes("91 61626364 01"),
            expect(UNKNOWN_AUDIO, 0, CODED_FRAMES, true, 0, "01")),
        row("ModEx TimestampOffsetNano wrapping CodedFrames",
            bytes("97 02 0003e8 01", OPUS_CC, "fcff"),
            expect(OPUS, 0, CODED_FRAMES, true, 0, "fcff")),
        row("ModEx with a 16-bit size", bytes("97 ff 0000 2a 00", MP4A, "1190"),
            expect(AAC, 0, SEQUENCE_START, true, 0, "1190")),
        row("ModEx then multitrack", bytes("97 00 2a 05 01", OPUS_CC, "03 fc"),
            expect(OPUS, 3, CODED_FRAMES, true, 0, "fc")),
        row("multitrack OneTrack", bytes("95 01", OPUS_CC, "03 fcff"),
            expect(OPUS, 3, CODED_FRAMES, true, 0, "fcff")),
        row("multitrack ManyTracks", bytes("95 11", MP4A, "00 000002 2110 01 000001 21"),
            expect(AAC, 0, CODED_FRAMES, true, 0, "2110"),
            expect(AAC, 1, CODED_FRAMES, true, 0, "21")),
        row("multitrack ManyTracks MultichannelConfig",
            bytes("95 14", OPUS_CC, "00 000002 0002 01 000002 0001"),
            expect(OPUS, 0, MULTICHANNEL_CONFIG, true, 0, "0002"),
            expect(OPUS, 1, MULTICHANNEL_CONFIG, true, 0, "0001")),
        row("multitrack ManyTracksManyCodecs",
            bytes("95 20", MP4A, "00 000002 1210", OPUS_CC, "01 000003 aabbcc"),
            expect(AAC, 0, SEQUENCE_START, true, 0, "1210"),
            expect(OPUS, 1, SEQUENCE_START, true, 0, "aabbcc")));
  }

  static Stream<Bad> malformed() {
    return Stream.of(
        bad("legacy AAC without AACPacketType", "ends inside the AACPacketType", "af"),
        bad("legacy AAC reserved AACPacketType", "reserved AACPacketType 2", "af 02 00"),
        bad("reserved packet type 3", "reserved audio packet type 3", "93", OPUS_CC),
        bad("reserved packet type 6", "reserved audio packet type 6", "96", OPUS_CC),
        bad("truncated FourCC", "ends inside the audio FourCC", "90 4f70"),
        bad("ModEx without its size", "ends inside the ModEx data size", "97"),
        bad("ModEx data past the end", "ends inside the ModEx data", "97 03 00"),
        bad("endless ModEx", "more than 8 ModEx prefixes", "97", "00 00 07".repeat(9)),
        bad("multitrack without its header", "ends inside the multitrack header", "95"),
        bad("multitrack inside multitrack", "nests packet type 5", "95 15", OPUS_CC),
        bad("ModEx inside multitrack", "nests packet type 7", "95 17", OPUS_CC),
        bad("multitrack reserved packet type", "reserved audio packet type 3", "95 13", OPUS_CC),
        bad("reserved multitrack type", "reserved multitrack type 3", "95 31", OPUS_CC),
        bad("multitrack without tracks", "ends inside the track id", "95 11", OPUS_CC),
        bad("multitrack size past the end", "ends inside the track body",
            "95 11", OPUS_CC, "00 000009 aa"),
        bad("17 tracks", "more than 16 tracks", "95 11", OPUS_CC, "00 000000".repeat(17)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesVector(Case row) {
    TagVectors.assertTags(
        AudioTagParser.parse(Unpooled.wrappedBuffer(row.payload())), TrackKind.AUDIO, row.tags());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void dataIsASliceOfThePayload(Case row) {
    TagVectors.assertSlicesShareMemory(AudioTagParser::parse, row, TrackKind.AUDIO);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void truncatedOrMutatedVectorFailsOnlyWithProtocolException(Case row) {
    TagVectors.assertOnlyProtocolExceptions(AudioTagParser::parse, row.payload());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformed(Bad row) {
    TagVectors.assertRejected(AudioTagParser::parse, row);
  }

  @Test
  void emptyMessageIsSilenceWithNoTags() {
    // Enhanced RTMP v2, AudioPacketType notes: an empty audio message is RTMP's silence signal.
    assertThat(AudioTagParser.parse(Unpooled.EMPTY_BUFFER)).isEmpty();
  }
}
