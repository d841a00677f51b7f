package io.inlet.bench;

import io.inlet.decode.sink.FrameSink;
import io.inlet.decode.sink.FrameSinkFactory;
import io.inlet.decode.sink.StreamDescriptor;
import io.inlet.decode.sink.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A frame sink (registered with {@code META-INF/services}) that notes when each video frame of a watched
 * stream leaves the decoder, on this JVM's {@link System#nanoTime()}, with its pts. An embedded node's
 * decoders run in the benchmark's JVM, so the instants are the decoder's own, not a poll's. Streams
 * nobody watches get a sink that does nothing, so the other benchmarks' nodes are not burdened.
 */
public final class DecodedFrameClock implements FrameSinkFactory {

  /** One decoded video frame: when it was handed to the sinks, and its pts on the stream's timeline. */
  record Frame(long nanos, long ptsMillis) {}

  /** The decoded frames of one stream, in decode output order; written by its decode thread. */
  static final class Frames {
    private final List<Frame> frames = new ArrayList<>();

    private synchronized void add(Frame frame) {
      frames.add(frame);
    }

    synchronized int count() {
      return frames.size();
    }

    synchronized List<Frame> snapshot() {
      return List.copyOf(frames);
    }

    /** Frames handed to the sinks after {@code nanos}. */
    synchronized long countAfter(long nanos) {
      return frames.stream().filter(f -> f.nanos() > nanos).count();
    }

    /** Waits until a frame leaves the decoder after {@code nanos}. */
    void awaitAfter(long nanos, int timeoutSeconds) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (countAfter(nanos) == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no frame decoded within " + timeoutSeconds + " s");
        }
        Thread.sleep(20);
      }
    }
  }

  private static final Map<String, Frames> WATCHED = new ConcurrentHashMap<>();

  /** Starts noting the frames of stream {@code name}; call before its publisher starts. */
  static Frames watch(String name) {
    Frames frames = new Frames();
    WATCHED.put(name, frames);
    return frames;
  }

  static void unwatch(String name) {
    WATCHED.remove(name);
  }

  @Override
  public FrameSink open(StreamDescriptor stream) {
    Frames frames = WATCHED.get(stream.name());
    if (frames == null) {
      return new FrameSink() {};
    }
    return new FrameSink() {
      @Override
      public void onVideoFrame(VideoFrame frame) {
        frames.add(new Frame(System.nanoTime(), frame.ptsMillis()));
      }
    };
  }
}
