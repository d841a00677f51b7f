package io.inlet.bus;

/**
 * The codecs Inlet recognises in FLV and Enhanced RTMP tags. {@link #fourCc()} is the Enhanced RTMP
 * FourCC (or the one Enhanced RTMP v2 assigns to a legacy codec); {@link #jsonName()} is the name
 * the Stream JSON of the contract uses.
 */
public enum MediaCodec {
  H264(TrackKind.VIDEO, "avc1", "h264"),
  HEVC(TrackKind.VIDEO, "hvc1", "hevc"),
  AV1(TrackKind.VIDEO, "av01", "av1"),
  VP9(TrackKind.VIDEO, "vp09", "vp9"),
  VP8(TrackKind.VIDEO, "vp08", "vp8"),
  UNKNOWN_VIDEO(TrackKind.VIDEO, "????", "unknown"),
  AAC(TrackKind.AUDIO, "mp4a", "aac"),
  MP3(TrackKind.AUDIO, ".mp3", "mp3"),
  OPUS(TrackKind.AUDIO, "Opus", "opus"),
  FLAC(TrackKind.AUDIO, "fLaC", "flac"),
  AC3(TrackKind.AUDIO, "ac-3", "ac3"),
  EAC3(TrackKind.AUDIO, "ec-3", "eac3"),
  UNKNOWN_AUDIO(TrackKind.AUDIO, "????", "unknown");

  private static final MediaCodec[] VALUES = values();

  private final TrackKind track;
  private final String fourCc;
  private final String jsonName;

  MediaCodec(TrackKind track, String fourCc, String jsonName) {
    this.track = track;
    this.fourCc = fourCc;
    this.jsonName = jsonName;
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

  static MediaCodec ofOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new IllegalArgumentException("unknown codec ordinal " + ordinal);
    }
    return VALUES[ordinal];
  }
}
