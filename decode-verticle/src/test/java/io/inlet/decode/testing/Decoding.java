package io.inlet.decode.testing;

import io.inlet.decode.codec.FrameHandler;
import io.inlet.decode.codec.FrameHasher;
import io.inlet.decode.codec.PacketDecoder;
import io.inlet.testkit.Demuxed;
import java.util.ArrayList;
import java.util.List;

/** Feeds a demuxed track through a {@link PacketDecoder}, as the stream layer would. */
public final class Decoding {

  private Decoding() {}

  /** Decodes every packet then flushes; returns "pts md5" per video frame, in output order. */
  public static List<String> videoHashes(PacketDecoder decoder, Demuxed track) {
    List<String> lines = new ArrayList<>();
    try (FrameHasher hasher = new FrameHasher()) {
      FrameHandler out = (frame, pts) -> lines.add(pts + " " + hasher.md5Hex(frame));
      feed(decoder, track.packets(), out);
      decoder.flush(out);
    }
    return lines;
  }

  public static void feed(PacketDecoder decoder, List<Demuxed.Packet> packets, FrameHandler out) {
    for (Demuxed.Packet p : packets) {
      decoder.decode(p.data(), 0, p.data().length, p.dtsMillis(), p.ptsMillis(), p.keyframe(), out);
    }
  }
}
