package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;

/**
 * Flow control between one stream and its decoder: when the decoder's reported progress lags more
 * than {@code maxInFlight} packets behind (it is stuck or far too slow), frames are dropped here
 * instead of sent, until the lag is back under half the bound and a video keyframe comes (a decoder
 * cannot start mid-GOP). The event bus therefore never buffers a stream without bound. Configuration
 * and end packets always go: a decoder must never miss a codec change.
 */
final class FlowControl {

  /** What to do with one packet. */
  enum Verdict {
    SEND,
    /** The first packet dropped since the decoder fell behind: worth one log line. */
    START_DROPPING,
    DROP
  }

  private final long maxInFlight;
  private boolean holdingBack;

  FlowControl(long maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** The verdict for {@code packet} when {@code inFlight} packets sent before it are not yet decoded. */
  Verdict offer(MediaPacket packet, long inFlight) {
    if (packet.kind() != PacketKind.FRAME) {
      return Verdict.SEND;
    }
    if (!holdingBack) {
      if (inFlight <= maxInFlight) {
        return Verdict.SEND;
      }
      holdingBack = true;
      return Verdict.START_DROPPING;
    }
    boolean resume = packet.track() == TrackKind.VIDEO && packet.keyframe() && inFlight <= maxInFlight / 2;
    if (!resume) {
      return Verdict.DROP;
    }
    holdingBack = false;
    return Verdict.SEND;
  }
}
