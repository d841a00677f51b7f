package io.inlet.bus;

import java.util.List;

/**
 * What the ingest side sends a decoder when it takes a stream: the cached codec configuration and
 * packets (everything since the start if this is the stream's first decoder, else the packets since
 * the last keyframe), so it starts at once, whether it is the first or takes over after a failure.
 *
 * @param stream the stream's public name
 * @param lastSequence the sequence number of the last packet numbered when this batch was cut;
 *     the live packets that follow it have higher numbers
 * @param packets the cached packets, configuration first, in decode order
 */
public record PacketBatch(String stream, long lastSequence, List<MediaPacket> packets) {

  public PacketBatch {
    packets = List.copyOf(packets);
  }
}
