package io.inlet.bus;

import java.util.List;
import java.util.Objects;

/**
 * Internal, published twice a second by each decode verticle on {@link Addresses#DECODE_STATS}: its
 * load (so ingest nodes place streams on the least loaded and notice a lost decoder within a
 * second) and the decode side of its streams, which the stream directory merges. Binary on the
 * wire ({@link DecoderReportCodec}).
 *
 * @param decoderId the decode verticle's identity in the cluster
 * @param assignAddress where to offer it a stream ({@link Addresses#decoderAssign})
 * @param capacity how many streams it takes at most
 */
public record DecoderReport(String decodeNode, String decoderId, String assignAddress, int capacity,
    List<StreamDecodeReport> streams) {

  public DecoderReport {
    Objects.requireNonNull(decodeNode, "decodeNode");
    Objects.requireNonNull(decoderId, "decoderId");
    Objects.requireNonNull(assignAddress, "assignAddress");
    streams = List.copyOf(streams);
  }
}
