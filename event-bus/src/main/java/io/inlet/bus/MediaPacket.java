package io.inlet.bus;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * One demuxed packet of a stream, as the ingest side puts it on the event bus.
 *
 * @param stream the stream's public name (never its key)
 * @param sequence per-stream counter, starting at 0, so a receiver can see gaps and order
 * @param track video or audio
 * @param codec the codec of {@code data}
 * @param kind configuration, coded frame or end of sequence
 * @param keyframe whether a decoder can start at this packet (video key frames; every audio frame)
 * @param dts decode timestamp in milliseconds on the stream's 64-bit timeline
 * @param pts presentation timestamp in milliseconds (dts plus composition time)
 * @param receivedAtNanos when the last byte of the RTMP message carrying this packet arrived on the
 *     ingest socket, on THIS JVM's {@link System#nanoTime()} clock: only differences with that clock
 *     mean anything, never a wall time. Between nodes {@link MediaPacketCodec} carries the packet's
 *     age instead and rebuilds this value on the receiver's clock, so two machines' clocks are never
 *     compared
 * @param data the codec payload: the bytes an FFmpeg demuxer would give for this packet
 */
public record MediaPacket(
    String stream,
    long sequence,
    TrackKind track,
    MediaCodec codec,
    PacketKind kind,
    boolean keyframe,
    long dts,
    long pts,
    long receivedAtNanos,
    Buffer data) {

  public MediaPacket {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
  }

  /** The same packet carrying {@code other} as its payload (a copy of the same bytes held elsewhere). */
  public MediaPacket withData(Buffer other) {
    return new MediaPacket(stream, sequence, track, codec, kind, keyframe, dts, pts, receivedAtNanos, other);
  }

  /** Composition time offset in milliseconds. */
  public long compositionTime() {
    return pts - dts;
  }

  @Override
  public String toString() {
    return "MediaPacket[" + stream + " #" + sequence + " " + track + " " + codec + " " + kind
        + (keyframe ? " key" : "") + " dts=" + dts + " pts=" + pts + " " + data.length() + "B]";
  }
}
