package io.inlet.ingest.session;

import io.inlet.bus.PacketKind;
import io.inlet.ingest.flv.FlvMediaTag;

/**
 * One decoder input found in a publish's media, ready to be numbered and sent: a tag of the chosen
 * track of its kind, placed on the publish's 64-bit timeline.
 *
 * @param tag the media tag; its data is a slice of the message payload (no copy)
 * @param kind configuration, frame or end of sequence
 * @param dts decode time in milliseconds, on the publish's 64-bit timeline
 * @param receivedAtNanos when the RTMP message's last byte arrived, on this JVM's {@code System.nanoTime()}
 */
public record DemuxedPacket(FlvMediaTag tag, PacketKind kind, long dts, long receivedAtNanos) {

  /** Configuration and end packets always count as key; a frame when a decoder can start at it. */
  public boolean keyframe() {
    return kind != PacketKind.FRAME || tag.keyframe();
  }

  /** The presentation time: dts plus the tag's composition time. */
  public long pts() {
    return dts + tag.compositionTime();
  }
}
