package io.inlet.decode.sink;

/**
 * Creates a {@link FrameSink} for each stream a decode node takes. Embedding pipelines register
 * theirs with {@code META-INF/services/io.inlet.decode.sink.FrameSinkFactory} (Java's
 * {@link java.util.ServiceLoader}); Inlet's own sinks (statistics, snapshots, frame hashes) are
 * always there.
 */
public interface FrameSinkFactory {

  FrameSink open(StreamDescriptor stream);
}
