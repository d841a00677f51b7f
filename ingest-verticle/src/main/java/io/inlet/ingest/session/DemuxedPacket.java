package io.inlet.ingest.session;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.netty.buffer.ByteBuf;

/**
 * One decoder input found in a publish's media, ready to be numbered and sent: the chosen track of
 * its kind, its timestamps on the publish's 64-bit timeline.
 *
 * @param keyframe true for every configuration and end packet, and for frames a decoder can start at
 * @param dts decode time in milliseconds, on the publish's 64-bit timeline
 * @param pts dts plus the tag's composition time
 * @param receivedAtMicros wall time the RTMP message arrived
 * @param data a slice of the message payload (no copy)
 */
public record DemuxedPacket(
    TrackKind track,
    MediaCodec codec,
    PacketKind kind,
    boolean keyframe,
    long dts,
    long pts,
    long receivedAtMicros,
    ByteBuf data) {}
