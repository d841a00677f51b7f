package io.inlet.decode.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.decode.codec.DecodeFrames;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.sink.AudioFrame;
import io.inlet.decode.sink.FrameSink;
import io.inlet.decode.sink.VideoFrame;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one stream: packets in sequence order (the replay batch first, then live ones), one
 * decoder per track, frames to the sinks. When decoding falls behind real time by more than
 * {@code maxLagMs} it drops frames up to the next video keyframe instead of queueing, and counts
 * them. Confined to the stream's worker context: not thread-safe, and needs not be.
 *
 * <p>All times are on this JVM's monotonic clock ({@code nowNanos}, {@code System::nanoTime} in
 * production), the clock a packet's {@link MediaPacket#receivedAtNanos()} is on once it has crossed
 * the bus: lag and latency are durations, never a comparison with another machine's clock.
 */
public final class StreamDecoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamDecoder.class);

  private final String name;
  private final List<FrameSink> sinks;
  private final long maxLagNanos;
  private final LongSupplier nowNanos;
  private final StreamStats stats = new StreamStats();
  private final TrackDecoder video;
  private final TrackDecoder audio;
  private final ArrivalTimes videoArrivals = new ArrivalTimes();
  private final ArrivalTimes audioArrivals = new ArrivalTimes();
  private long lastSequence = -1;
  private boolean hasVideo;
  private boolean dropping;
  private boolean replaying;
  private boolean closed;

  private final DecodeListener listener;

  public StreamDecoder(String name, List<FrameSink> sinks, DecoderSettings settings, long maxLagMs, LongSupplier nowNanos) {
    this(name, sinks, settings, maxLagMs, nowNanos, DecodeListener.NONE);
  }

  public StreamDecoder(String name, List<FrameSink> sinks, DecoderSettings settings, long maxLagMs, LongSupplier nowNanos,
      DecodeListener listener) {
    this.listener = listener;
    this.name = name;
    this.sinks = List.copyOf(sinks);
    this.maxLagNanos = TimeUnit.MILLISECONDS.toNanos(maxLagMs);
    this.nowNanos = nowNanos;
    this.video = new TrackDecoder(settings, line -> LOG.warn("stream '{}': {}", name, line));
    this.stats.keyframesOnly = settings.frames() == DecodeFrames.KEYFRAMES;
    this.audio = new TrackDecoder(settings, line -> LOG.warn("stream '{}': {}", name, line));
  }

  public StreamStats stats() {
    return stats;
  }

  public long lastSequence() {
    return lastSequence;
  }

  /**
   * A newer publisher session of the stream, on another ingest node, numbers its packets from 0
   * again: what it sends next is new, whatever its sequence numbers. The decoder and the sinks go on.
   */
  public void newPublisherSession() {
    lastSequence = -1;
  }

  /**
   * The ingest side's cached configuration and packets since the last keyframe. They are decoded
   * without the lag rule (they are old by design) and their frames count no latency.
   */
  public void onReplay(PacketBatch batch) {
    replaying = true;
    try {
      for (MediaPacket packet : batch.packets()) {
        // A batch sent again to a decoder that already has the stream (a re-placement that landed
        // on the same decoder) must not decode what it already decoded.
        if (packet.sequence() > lastSequence) {
          accept(packet, false);
        }
      }
    } finally {
      replaying = false;
    }
    lastSequence = Math.max(lastSequence, batch.lastSequence());
  }

  /** A live packet. Packets at or below the last sequence seen (covered by a replay) are skipped. */
  public void onPacket(MediaPacket packet) {
    if (packet.sequence() <= lastSequence) {
      return;
    }
    lastSequence = packet.sequence();
    accept(packet, true);
  }

  private void accept(MediaPacket packet, boolean live) {
    if (closed) {
      return;
    }
    boolean isVideo = packet.track() == TrackKind.VIDEO;
    TrackDecoder track = isVideo ? video : audio;
    switch (packet.kind()) {
      case CONFIG -> {
        track.configure(packet, isVideo ? this::emitVideo : this::emitAudio);
        noteCodec(packet, track);
      }
      case END -> track.end(isVideo ? this::emitVideo : this::emitAudio);
      case FRAME -> {
        if (isVideo) {
          hasVideo = true;
          stats.videoFramesIn++;
        } else {
          stats.audioFramesIn++;
        }
        if (live) {
          // Timing of the input, decoded or not: replayed packets are old by design and say nothing of it.
          stats.drift.add(packet.track(), packet.receivedAtNanos(), packet.dts());
        }
        if (live && shouldDrop(packet)) {
          stats.framesDropped++;
          listener.frameDropped();
          return;
        }
        (isVideo ? videoArrivals : audioArrivals).put(packet.pts(), live ? packet.receivedAtNanos() : ArrivalTimes.UNKNOWN);
        track.decode(packet, isVideo ? this::emitVideo : this::emitAudio);
        noteCodec(packet, track);
      }
    }
  }

  /** The drop rule: behind by more than the bound, skip to the next video keyframe. */
  private boolean shouldDrop(MediaPacket packet) {
    boolean late = nowNanos.getAsLong() - packet.receivedAtNanos() > maxLagNanos;
    if (!dropping && late) {
      dropping = true;
      LOG.warn("stream '{}': decoding is more than {} ms behind; dropping to the next keyframe", name,
          TimeUnit.NANOSECONDS.toMillis(maxLagNanos));
    }
    if (!dropping) {
      return false;
    }
    boolean resumesHere = hasVideo
        ? packet.track() == TrackKind.VIDEO && packet.keyframe() && !late
        : !late;
    if (resumesHere) {
      dropping = false;
      return false;
    }
    return true;
  }

  private void noteCodec(MediaPacket packet, TrackDecoder track) {
    if (packet.track() == TrackKind.VIDEO) {
      stats.videoCodec = packet.codec();
      stats.videoDecodable = track.decodable();
    } else {
      stats.audioCodec = packet.codec();
      stats.audioDecodable = track.decodable();
    }
  }

  private void emitVideo(AVFrame frame, long ptsMillis) {
    long receivedAt = videoArrivals.take(ptsMillis);
    stats.videoFrame(frame.width(), frame.height(), ptsMillis);
    listener.frameDecoded(TrackKind.VIDEO);
    if (receivedAt != ArrivalTimes.UNKNOWN && !replaying) {
      // The contract's decode latency: socket to the moment the frame is handed to the sinks (the
      // packet's age when it left the ingest node, then its time here; see MediaPacketCodec).
      long latencyMicros = TimeUnit.NANOSECONDS.toMicros(nowNanos.getAsLong() - receivedAt);
      stats.latency.add(latencyMicros);
      listener.latencyMicros(latencyMicros);
    }
    VideoFrame videoFrame = new VideoFrame(name, frame, ptsMillis, receivedAt);
    for (FrameSink sink : sinks) {
      try {
        sink.onVideoFrame(videoFrame);
      } catch (RuntimeException e) {
        LOG.warn("stream '{}': sink {} failed on a video frame: {}", name, sink.getClass().getSimpleName(), e.toString());
      }
    }
  }

  private void emitAudio(AVFrame frame, long ptsMillis) {
    long receivedAt = audioArrivals.take(ptsMillis);
    stats.audioFrame(frame.sample_rate(), frame.ch_layout().nb_channels());
    listener.frameDecoded(TrackKind.AUDIO);
    AudioFrame audioFrame = new AudioFrame(name, frame, ptsMillis, receivedAt);
    for (FrameSink sink : sinks) {
      try {
        sink.onAudioFrame(audioFrame);
      } catch (RuntimeException e) {
        LOG.warn("stream '{}': sink {} failed on an audio frame: {}", name, sink.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Drains both decoders into the sinks, then frees decoders and sinks. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      video.closeDecoder(this::emitVideo);
      audio.closeDecoder(this::emitAudio);
    } finally {
      closed = true;
      video.close();
      audio.close();
      for (FrameSink sink : sinks) {
        try {
          sink.close();
        } catch (RuntimeException e) {
          LOG.warn("stream '{}': sink {} failed to close: {}", name, sink.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }
}
