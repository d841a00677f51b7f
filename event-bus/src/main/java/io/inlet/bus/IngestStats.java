package io.inlet.bus;

import java.util.List;
import java.util.Objects;

/**
 * Internal, published once a second by each ingest node on {@link Addresses#STREAM_STATS}: its live
 * streams, from which every node's stream directory keeps the cluster-wide view and every decoder
 * tells its streams' ingest node alive. Binary on the wire ({@link IngestStatsCodec}).
 */
public record IngestStats(String ingestNode, List<IngestedStream> streams) {

  public IngestStats {
    Objects.requireNonNull(ingestNode, "ingestNode");
    streams = List.copyOf(streams);
  }
}
