package io.inlet.bench;

import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.message.MessageReader;
import io.inlet.ingest.testing.load.FlvFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ingest parsing path on a real publisher's bytes: the chunk stream fed to a fresh
 * {@link MessageReader} in 64 KiB reads (as a socket delivers them), which reassembles the chunks
 * and parses every message (audio/video into FLV tags, the metadata's AMF); and, separately, the
 * AMF0 decoding of the {@code @setDataFrame} metadata message alone. One operation is one pass over
 * the whole input, so MB/s = ops/s x input bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {

  static final int READ_SIZE = 64 * 1024;

  /** The FLV clip whose tags make the chunk stream; ParseRun sets it. */
  @Param("")
  public String flv;

  private byte[] chunkStream;
  private ByteBuf metadata;
  private final Amf0Decoder amf0 = new Amf0Decoder();

  @Setup
  public void load() throws Exception {
    List<FlvFile.Tag> tags = FlvFile.read(Path.of(flv));
    chunkStream = ChunkStreamBytes.of(tags);
    metadata = Unpooled.wrappedBuffer(ChunkStreamBytes.metadataMessage(tags));
  }

  @Benchmark
  public long messageReader(Blackhole hole) {
    MessageReader reader = new MessageReader(ChunkLimits.DEFAULTS);
    long[] messages = new long[1];
    for (int offset = 0; offset < chunkStream.length; offset += READ_SIZE) {
      ByteBuf read = Unpooled.wrappedBuffer(chunkStream, offset, Math.min(READ_SIZE, chunkStream.length - offset));
      reader.read(read, message -> {
        messages[0]++;
        hole.consume(message);
      });
    }
    return messages[0];
  }

  @Benchmark
  public List<Object> amf0Metadata() {
    return amf0.decodeAll(metadata.duplicate());
  }

  /** Input sizes, for turning ops/s into MB/s outside JMH. */
  record Sizes(long chunkStreamBytes, long metadataBytes, long messages) {}

  static Sizes sizes(Path flv) throws Exception {
    List<FlvFile.Tag> tags = FlvFile.read(flv);
    return new Sizes(ChunkStreamBytes.of(tags).length, ChunkStreamBytes.metadataMessage(tags).length, tags.size() + 1);
  }
}
