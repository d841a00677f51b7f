package io.inlet.decode.verticle;

import io.inlet.bus.TrackKind;
import io.inlet.decode.stream.DecodeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The decode role's meters, shared by every stream of one node (Micrometer meters are thread-safe). */
final class DecodeMetrics implements DecodeListener {

  private final Counter videoFrames;
  private final Counter audioFrames;
  private final Counter dropped;
  private final Timer latency;
  final Counter streamsTaken;
  final Counter streamsReleased;

  DecodeMetrics(MeterRegistry registry) {
    videoFrames = registry.counter("inlet_decode_frames_decoded", "track", "video");
    audioFrames = registry.counter("inlet_decode_frames_decoded", "track", "audio");
    dropped = registry.counter("inlet_decode_frames_dropped");
    latency = Timer.builder("inlet_decode_latency")
        .description("from the last byte of a media message on the RTMP socket to its frame handed to the sinks")
        .publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(100))
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry);
    streamsTaken = registry.counter("inlet_decode_streams_taken");
    streamsReleased = registry.counter("inlet_decode_streams_released");
  }

  @Override
  public void frameDecoded(TrackKind track) {
    (track == TrackKind.VIDEO ? videoFrames : audioFrames).increment();
  }

  @Override
  public void frameDropped() {
    dropped.increment();
  }

  @Override
  public void latencyMicros(long micros) {
    latency.record(micros, TimeUnit.MICROSECONDS);
  }
}
