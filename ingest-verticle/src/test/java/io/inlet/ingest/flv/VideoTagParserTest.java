package io.inlet.ingest.flv;

import static io.inlet.bus.MediaCodec.AV1;
import static io.inlet.bus.MediaCodec.H264;
import static io.inlet.bus.MediaCodec.HEVC;
import static io.inlet.bus.MediaCodec.UNKNOWN_VIDEO;
import static io.inlet.bus.MediaCodec.VP8;
import static io.inlet.bus.MediaCodec.VP9;
import static io.inlet.ingest.flv.FlvPacketType.CODED_FRAMES;
import static io.inlet.ingest.flv.FlvPacketType.COMMAND;
import static io.inlet.ingest.flv.FlvPacketType.METADATA;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VideoTagParserTest {

  private static final String AVC1 = TagVectors.fourCc("avc1");
  private static final String HVC1 = TagVectors.fourCc("hvc1");
  private static final String AV01 = TagVectors.fourCc("av01");
  private static final String VP09 = TagVectors.fourCc("vp09");
  private static final String VP08 = TagVectors.fourCc("vp08");
  private static final String VVC1 = TagVectors.fourCc("vvc1");

  // Byte 0 of an Enhanced RTMP header: IsExHeader | frame type << 4 | packet type.
  static Stream<Case> valid() {
    return Stream.of(
        // Legacy FLV, spec v10.1 annex E.4.3.1: frame type | codec id, AVCPacketType, SI24 CT.
        row("legacy AVC sequence header", bytes("17 00 000000 01640028ffe1"),
            expect(H264, 0, SEQUENCE_START, true, 0, "01640028ffe1")),
        row("legacy AVC NALU, positive CT", bytes("17 01 000050 0000000265888040"),
            expect(H264, 0, CODED_FRAMES, true, 80, "0000000265888040")),
        row("legacy AVC NALU, negative CT", bytes("27 01 ffffc4 000000014189"),
            expect(H264, 0, CODED_FRAMES, false, -60, "000000014189")),
        row("legacy AVC end of sequence", bytes("17 02 000000"),
            expect(H264, 0, SEQUENCE_END, true, 0, "")),
        row("legacy AVC generated key frame", bytes("47 01 000000 0000000165"),
            expect(H264, 0, CODED_FRAMES, true, 0, "0000000165")),
        row("legacy HEVC (id 12) sequence header", bytes("1c 00 000000 01016000"),
            expect(HEVC, 0, SEQUENCE_START, true, 0, "01016000")),
        row("legacy HEVC (id 12) NALU with CT", bytes("2c 01 000021 0000000226 01"),
            expect(HEVC, 0, CODED_FRAMES, false, 33, "000000022601")),
        row("legacy command frame", bytes("57 01"),
            expect(H264, 0, COMMAND, false, 0, "")),
        row("legacy Sorenson H.263", bytes("22 00008400"),
            expect(UNKNOWN_VIDEO, 0, CODED_FRAMES, false, 0, "00008400")),
        row("legacy VP6 key frame", bytes("14 00aabb"),
            expect(UNKNOWN_VIDEO, 0, CODED_FRAMES, true, 0, "00aabb")),
        row("legacy screen video v2, disposable", bytes("36 0102"),
            expect(UNKNOWN_VIDEO, 0, CODED_FRAMES, false, 0, "0102")),
        // Enhanced RTMP: ExVideoTagHeader, FourCC, body.
        row("hvc1 CodedFrames with CT", bytes("91", HVC1, "000021 00000003 2601af"),
            expect(HEVC, 0, CODED_FRAMES, true, 33, "000000032601af")),
        row("hvc1 CodedFrames, negative CT", bytes("a1", HVC1, "ffffff 00000002 0201"),
            expect(HEVC, 0, CODED_FRAMES, false, -1, "000000020201")),
        row("avc1 CodedFrames with CT", bytes("91", AVC1, "000014 0000000165"),
            expect(H264, 0, CODED_FRAMES, true, 20, "0000000165")),
        row("avc1 CodedFramesX", bytes("a3", AVC1, "0000000141"),
            expect(H264, 0, CODED_FRAMES, false, 0, "0000000141")),
        row("av01 CodedFramesX", bytes("93", AV01, "12000a0b"),
            expect(AV1, 0, CODED_FRAMES, true, 0, "12000a0b")),
        row("av01 CodedFrames has no CT", bytes("a1", AV01, "32100000"),
            expect(AV1, 0, CODED_FRAMES, false, 0, "32100000")),
        row("av01 SequenceStart", bytes("90", AV01, "81000c00"),
            expect(AV1, 0, SEQUENCE_START, true, 0, "81000c00")),
        row("av01 MPEG2TSSequenceStart", bytes("95", AV01, "8004"),
            expect(AV1, 0, SEQUENCE_START, true, 0, "8004")),
        row("vp09 SequenceStart", bytes("90", VP09, "01000000 0a00"),
            expect(VP9, 0, SEQUENCE_START, true, 0, "010000000a00")),
        row("vp09 CodedFrames has no CT", bytes("a1", VP09, "8649"),
            expect(VP9, 0, CODED_FRAMES, false, 0, "8649")),
        row("vp08 CodedFramesX", bytes("93", VP08, "9d012a"),
            expect(VP8, 0, CODED_FRAMES, true, 0, "9d012a")),
        row("hvc1 SequenceEnd", bytes("92", HVC1),
            expect(HEVC, 0, SEQUENCE_END, true, 0, "")),
        row("Metadata (colorInfo AMF) is not decoded",
            bytes("94", HVC1, "02 0009 636f6c6f72496e666f 03 000009"),
            expect(HEVC, 0, METADATA, false, 0, "020009636f6c6f72496e666f03000009")),
        row("Metadata under the command frame type is still metadata", bytes("d4", AV01, "05"),
            expect(AV1, 0, METADATA, false, 0, "05")),
        row("command frame", bytes("d1 00"),
            expect(UNKNOWN_VIDEO, 0, COMMAND, false, 0, "")),
        row("command frame wins over multitrack", bytes("d6 01"),
            expect(UNKNOWN_VIDEO, 0, COMMAND, false, 0, "")),
        row("unknown FourCC is UNKNOWN_VIDEO without CT", bytes("91 61626364 010203"),
            expect(UNKNOWN_VIDEO, 0, CODED_FRAMES, true, 0, "010203")),
        row("vvc1 CodedFrames skips its CT", bytes("91", VVC1, "000010 aabb"),
            expect(UNKNOWN_VIDEO, 0, CODED_FRAMES, true, 16, "aabb")),
        // ModEx: size-1 UI8, data, modExType | packetType.
        row("ModEx TimestampOffsetNano wrapping CodedFrames",
            bytes("97 02 0003e8 01", HVC1, "000005 0000000126"),
            expect(HEVC, 0, CODED_FRAMES, true, 5, "0000000126")),
        row("ModEx with a 16-bit size wrapping CodedFramesX",
            bytes("a7 ff 0001 aabb 03", AV01, "1200"),
            expect(AV1, 0, CODED_FRAMES, false, 0, "1200")),
        row("two ModEx prefixes", bytes("97 00 11 07 00 22 00", VP09, "0102"),
            expect(VP9, 0, SEQUENCE_START, true, 0, "0102")),
        row("ModEx then multitrack", bytes("97 00 00 06 01", AVC1, "00 00000a 65"),
            expect(H264, 0, CODED_FRAMES, true, 10, "65")),
        // Multitrack: multitrackType | packetType, [FourCC], per track [FourCC] id [UI24 size].
        row("multitrack OneTrack", bytes("96 01", AVC1, "02 00000a 0000000165"),
            expect(H264, 2, CODED_FRAMES, true, 10, "0000000165")),
        row("multitrack ManyTracks", bytes("a6 13", AV01, "00 000002 aabb 01 000003 ccddee"),
            expect(AV1, 0, CODED_FRAMES, false, 0, "aabb"),
            expect(AV1, 1, CODED_FRAMES, false, 0, "ccddee")),
        row("multitrack ManyTracks with an empty track",
            bytes("96 10", VP09, "00 000000 01 000001 aa"),
            expect(VP9, 0, SEQUENCE_START, true, 0, ""),
            expect(VP9, 1, SEQUENCE_START, true, 0, "aa")),
        row("multitrack ManyTracksManyCodecs sequence starts",
            bytes("96 20", AVC1, "00 000003 016400", HVC1, "01 000002 0101"),
            expect(H264, 0, SEQUENCE_START, true, 0, "016400"),
            expect(HEVC, 1, SEQUENCE_START, true, 0, "0101")),
        row("multitrack ManyTracksManyCodecs coded frames, CT only for avc1",
            bytes("96 21", AVC1, "00 000005 00000a 6588", AV01, "01 000002 1200"),
            expect(H264, 0, CODED_FRAMES, true, 10, "6588"),
            expect(AV1, 1, CODED_FRAMES, true, 0, "1200")));
  }

  static Stream<Bad> malformed() {
    String seventeenEmptyTracks = "00 000000".repeat(17);
    return Stream.of(
        bad("empty payload", "ends inside the video tag header", ""),
        bad("legacy AVC without AVCPacketType", "ends inside the AVCPacketType", "17"),
        bad("legacy AVC with a truncated CT", "ends inside the composition time", "17 01 0000"),
        bad("legacy AVC reserved AVCPacketType", "reserved AVCPacketType 3", "17 03 000000"),
        bad("legacy reserved frame type 0", "reserved video frame type 0", "07 01 000000"),
        bad("legacy reserved frame type 6", "reserved video frame type 6", "67 01 000000"),
        bad("enhanced reserved frame type 0", "reserved video frame type 0", "81", HVC1, "000000"),
        bad("enhanced reserved frame type 7", "reserved video frame type 7", "f1", HVC1, "000000"),
        bad("truncated FourCC", "ends inside the video FourCC", "91 687663"),
        bad("hvc1 with a truncated CT", "ends inside the composition time", "91", HVC1, "0000"),
        bad("reserved packet type 8", "reserved video packet type 8", "98", HVC1),
        bad("ModEx without its size", "ends inside the ModEx data size", "97"),
        bad("ModEx data past the end", "ends inside the ModEx data", "97 05 0000"),
        bad("ModEx 16-bit size truncated", "ends inside the ModEx extended data size", "97 ff 00"),
        bad("ModEx without the type that follows", "ends inside the ModEx type", "97 00 00"),
        bad("endless ModEx", "more than 8 ModEx prefixes", "97", "00 00 07".repeat(9)),
        bad("multitrack without its header", "ends inside the multitrack header", "96"),
        bad("reserved multitrack type", "reserved multitrack type 3", "96 31", AV01, "00 aa"),
        bad("multitrack inside multitrack", "nests packet type 6", "96 16", AV01),
        bad("ModEx inside multitrack", "nests packet type 7", "96 17", AV01),
        bad("multitrack reserved packet type", "reserved video packet type 9", "96 19", AV01),
        bad("multitrack without FourCC", "ends inside the multitrack FourCC", "96 13 6176"),
        bad("multitrack without tracks", "ends inside the track id", "96 13", AV01),
        bad("multitrack truncated size", "ends inside the track size", "96 13", AV01, "00 0000"),
        bad("multitrack size past the end", "ends inside the track body",
            "96 13", AV01, "00 000005 aabb"),
        bad("multitrack track FourCC truncated", "ends inside the track FourCC", "96 20 6176"),
        bad("multitrack hvc1 track too short for its CT", "ends inside the composition time",
            "96 11", HVC1, "00 000002 0000 01 000000"),
        bad("17 tracks", "more than 16 tracks", "96 13", AV01, seventeenEmptyTracks),
        bad("MPEG2TSSequenceStart for vp09", "defined for av01 only", "95", VP09, "80"),
        bad("enhanced command frame without its command", "ends inside the video command", "d1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesVector(Case row) {
    TagVectors.assertTags(
        VideoTagParser.parse(Unpooled.wrappedBuffer(row.payload())), TrackKind.VIDEO, row.tags());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void dataIsASliceOfThePayload(Case row) {
    TagVectors.assertSlicesShareMemory(VideoTagParser::parse, row, TrackKind.VIDEO);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void truncatedOrMutatedVectorFailsOnlyWithProtocolException(Case row) {
    TagVectors.assertOnlyProtocolExceptions(VideoTagParser::parse, row.payload());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformed(Bad row) {
    TagVectors.assertRejected(VideoTagParser::parse, row);
  }

  @Test
  void sixteenTracksAreAllowed() {
    byte[] payload = bytes("96 13", AV01, "00 000001 aa".repeat(16));
    List<FlvMediaTag> tags = VideoTagParser.parse(Unpooled.wrappedBuffer(payload));
    assertThat(tags).hasSize(16).allSatisfy(tag -> assertThat(tag.codec()).isEqualTo(AV1));
  }

  @Test
  void readsFromTheReaderIndex() {
    var payload = Unpooled.wrappedBuffer(bytes("ffff 17 01 000002 65"));
    payload.skipBytes(2);
    List<FlvMediaTag> tags = VideoTagParser.parse(payload);
    assertThat(tags).singleElement().extracting(FlvMediaTag::compositionTime).isEqualTo(2);
    assertThat(payload.readerIndex()).isEqualTo(2);
  }
}
