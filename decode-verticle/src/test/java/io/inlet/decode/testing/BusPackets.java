package io.inlet.decode.testing;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.testkit.Demuxed;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The {@link MediaPacket}s the ingest side would put on the event bus for demuxed tracks: the
 * sequence header from the extradata, one FRAME per packet, numbered in the order they are made.
 */
public final class BusPackets {

  private final String stream;
  private long nextSequence;

  public BusPackets(String stream) {
    this.stream = stream;
  }

  /** The sequence number of the last packet made, -1 before the first. */
  public long lastSequence() {
    return nextSequence - 1;
  }

  public MediaPacket config(MediaCodec codec, byte[] extradata, long receivedAtNanos) {
    return packet(codec, PacketKind.CONFIG, true, 0, 0, receivedAtNanos, extradata);
  }

  /** One coded frame, its timestamps moved by {@code offsetMillis}. */
  public MediaPacket frame(MediaCodec codec, Demuxed.Packet p, long offsetMillis, long receivedAtNanos) {
    boolean keyframe = codec.track() == TrackKind.AUDIO || p.keyframe();
    return packet(codec, PacketKind.FRAME, keyframe, p.dtsMillis() + offsetMillis, p.ptsMillis() + offsetMillis,
        receivedAtNanos, p.data());
  }

  public MediaPacket end(MediaCodec codec, long receivedAtNanos) {
    return packet(codec, PacketKind.END, false, 0, 0, receivedAtNanos, new byte[0]);
  }

  /** The sequence header, then each of the track's packets; all received at {@code receivedAtNanos}. */
  public List<MediaPacket> track(MediaCodec codec, Demuxed track, long offsetMillis, long receivedAtNanos) {
    return track(codec, track, offsetMillis, i -> receivedAtNanos);
  }

  /**
   * The sequence header (received with the first packet), then each of the track's packets, packet
   * {@code i} received at {@code receivedAtNanos.applyAsLong(i)}.
   */
  public List<MediaPacket> track(MediaCodec codec, Demuxed track, long offsetMillis, IntToLongFunction receivedAtNanos) {
    List<MediaPacket> packets = new ArrayList<>();
    packets.add(config(codec, track.extradata(), receivedAtNanos.applyAsLong(0)));
    for (int i = 0; i < track.packets().size(); i++) {
      packets.add(frame(codec, track.packets().get(i), offsetMillis, receivedAtNanos.applyAsLong(i)));
    }
    return packets;
  }

  private MediaPacket packet(MediaCodec codec, PacketKind kind, boolean keyframe, long dts, long pts,
      long receivedAtNanos, byte[] data) {
    return new MediaPacket(stream, nextSequence++, codec.track(), codec, kind, keyframe, dts, pts, receivedAtNanos,
        Buffer.buffer(data));
  }
}
