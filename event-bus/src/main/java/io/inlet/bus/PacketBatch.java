package io.inlet.bus;

import java.util.List;

/**
 * The ingest side's answer to a replay request: the stream's cached codec configuration and the
 * packets since its last keyframe, so that a decoder that joins late (or takes over after a failure)
 * can start at once.
 *
 * @param stream the stream's public name
 * @param lastSequence the sequence number of the last packet sent live before this batch was cut;
 *     live packets with a sequence at or below it are already covered by the batch
 * @param packets the cached packets, configuration first, in decode order
 */
public record PacketBatch(String stream, long lastSequence, List<MediaPacket> packets) {

  public PacketBatch {
    packets = List.copyOf(packets);
  }
}
