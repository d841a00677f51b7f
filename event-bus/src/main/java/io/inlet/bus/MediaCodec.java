package io.inlet.bus;

/**
 * The codecs Inlet recognises in FLV and Enhanced RTMP tags. {@link #fourCc()} is the Enhanced RTMP
 * FourCC (or the one Enhanced RTMP v2 assigns to a legacy codec); {@link #jsonName()} is the name
 * the Stream JSON of the contract uses. {@link #wireId()} is what the binary event-bus codecs carry:
 * fixed per codec, never reused, so a codec added anywhere in this list cannot change what another
 * node of a mixed-version cluster reads.
 */
public enum MediaCodec {
  H264(1, TrackKind.VIDEO, "avc1", "h264"),
  HEVC(2, TrackKind.VIDEO, "hvc1", "hevc"),
  AV1(3, TrackKind.VIDEO, "av01", "av1"),
  VP9(4, TrackKind.VIDEO, "vp09", "vp9"),
  VP8(5, TrackKind.VIDEO, "vp08", "vp8"),
  UNKNOWN_VIDEO(63, TrackKind.VIDEO, "????", "unknown"),
  AAC(64, TrackKind.AUDIO, "mp4a", "aac"),
  MP3(65, TrackKind.AUDIO, ".mp3", "mp3"),
  OPUS(66, TrackKind.AUDIO, "Opus", "opus"),
  FLAC(67, TrackKind.AUDIO, "fLaC", "flac"),
  AC3(68, TrackKind.AUDIO, "ac-3", "ac3"),
  EAC3(69, TrackKind.AUDIO, "ec-3", "eac3"),
  UNKNOWN_AUDIO(127, TrackKind.AUDIO, "????", "unknown");

  private static final MediaCodec[] VALUES = values();

  private final int wireId;
  private final TrackKind track;
  private final String fourCc;
  private final String jsonName;

  MediaCodec(int wireId, TrackKind track, String fourCc, String jsonName) {
    this.wireId = wireId;
    this.track = track;
    this.fourCc = fourCc;
    this.jsonName = jsonName;
  }

  /** This codec's stable identity on the wire (one byte). */
  public int wireId() {
    return wireId;
  }

  public TrackKind track() {
    return track;
  }

  public String fourCc() {
    return fourCc;
  }

  public String jsonName() {
    return jsonName;
  }

  /** The codec with this FourCC on this track, or the track's UNKNOWN value. */
  public static MediaCodec ofFourCc(TrackKind track, int fourCc) {
    String text = fourCcText(fourCc);
    for (MediaCodec codec : VALUES) {
      if (codec.track == track && codec.fourCc.equals(text)) {
        return codec;
      }
    }
    return track == TrackKind.VIDEO ? UNKNOWN_VIDEO : UNKNOWN_AUDIO;
  }

  /** The four ASCII characters of a big-endian FourCC, for log lines. */
  public static String fourCcText(int fourCc) {
    char[] chars = new char[4];
    for (int i = 0; i < 4; i++) {
      int c = (fourCc >>> (24 - 8 * i)) & 0xFF;
      chars[i] = c >= 0x20 && c < 0x7F ? (char) c : '?';
    }
    return new String(chars);
  }

  /** The codec with this wire id; an id this node does not know is a {@link WireFormatException}. */
  public static MediaCodec ofWireId(int wireId) {
    for (MediaCodec codec : VALUES) {
      if (codec.wireId == wireId) {
        return codec;
      }
    }
    throw new WireFormatException("unknown media codec wire id " + wireId);
  }
}
