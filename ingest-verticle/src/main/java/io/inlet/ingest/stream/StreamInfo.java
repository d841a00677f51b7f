package io.inlet.ingest.stream;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.IngestedStream;
import java.time.Instant;
import java.util.Map;

/**
 * What the ingest side knows about one live stream, for events and the API: who publishes, what the
 * publisher announced in onMetaData, which codecs arrived, and byte and frame counters.
 */
public final class StreamInfo {

  private final String id;
  private final String name;
  private final String app;
  private final String ingestNode;
  private final Instant startedAt;
  private String remoteAddress;
  private int publishes = 1;
  /** When the stream became interrupted, or null while live. */
  private Instant interruptedAt;
  private MediaCodec videoCodec;
  private MediaCodec audioCodec;
  private Map<String, Object> metadata = Map.of();
  private long bytesIn;
  private long videoFramesIn;
  private long audioFramesIn;
  private long bitrateKbps;
  private long framesDroppedAtIngest;
  private String decodeNode;
  private long sampledBytes;
  private long sampledAtNanos = System.nanoTime();

  public StreamInfo(String id, String name, String app, String ingestNode, String remoteAddress, Instant startedAt) {
    this.id = id;
    this.name = name;
    this.app = app;
    this.ingestNode = ingestNode;
    this.remoteAddress = remoteAddress;
    this.startedAt = startedAt;
  }

  public String name() {
    return name;
  }

  public String id() {
    return id;
  }

  public int publishes() {
    return publishes;
  }

  /** The stream comes from another node, whose last session had number {@code publishes}, with these counters. */
  void continuedFrom(int lastPublishes, IngestedStream.Counters counters) {
    publishes = lastPublishes;
    bytesIn = counters.bytesIn();
    sampledBytes = bytesIn;
    videoFramesIn = counters.videoFramesIn();
    audioFramesIn = counters.audioFramesIn();
    framesDroppedAtIngest = counters.framesDroppedAtIngest();
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  public String app() {
    return app;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The ingest side's counters, as events and stats show them. */
  public IngestedStream.Counters counters() {
    return new IngestedStream.Counters(bytesIn, bitrateKbps, videoFramesIn, audioFramesIn, framesDroppedAtIngest);
  }

  /** The publisher went away without an unpublish. */
  void interrupted(Instant at) {
    interruptedAt = at;
  }

  /** The next publisher session continues the stream. */
  void resumed(String newRemoteAddress) {
    publishes++;
    remoteAddress = newRemoteAddress;
    interruptedAt = null;
  }

  public boolean isInterrupted() {
    return interruptedAt != null;
  }

  void videoCodec(MediaCodec codec) {
    videoCodec = codec;
  }

  void audioCodec(MediaCodec codec) {
    audioCodec = codec;
  }

  void metadata(Map<String, Object> properties) {
    metadata = Map.copyOf(properties.entrySet().stream()
        .filter(e -> e.getKey() != null && e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b)));
  }

  void decodeNode(String node) {
    decodeNode = node;
  }

  public String decodeNode() {
    return decodeNode;
  }

  void countDroppedAtIngest() {
    framesDroppedAtIngest++;
  }

  public long framesDroppedAtIngest() {
    return framesDroppedAtIngest;
  }

  void countBytes(long count) {
    bytesIn += count;
  }

  void countVideoFrame() {
    videoFramesIn++;
  }

  void countAudioFrame() {
    audioFramesIn++;
  }

  public long bytesIn() {
    return bytesIn;
  }

  public long videoFramesIn() {
    return videoFramesIn;
  }

  public long audioFramesIn() {
    return audioFramesIn;
  }

  public MediaCodec videoCodec() {
    return videoCodec;
  }

  public MediaCodec audioCodec() {
    return audioCodec;
  }

  /** Updates the bitrate over the time since the previous sample; called about once a second. */
  public void sampleBitrate(long nowNanos) {
    long elapsed = nowNanos - sampledAtNanos;
    if (elapsed > 0) {
      bitrateKbps = (bytesIn - sampledBytes) * 8 * 1_000_000 / elapsed;
    }
    sampledBytes = bytesIn;
    sampledAtNanos = nowNanos;
  }

  /** What this side knows of the stream, for its events and the per-second stats. */
  public IngestedStream toMessage() {
    IngestedStream.Video video = videoCodec == null ? null
        : new IngestedStream.Video(videoCodec.jsonName(), number("width"), number("height"), number("framerate"));
    IngestedStream.Audio audio = audioCodec == null ? null : new IngestedStream.Audio(audioCodec.jsonName(),
        number("audiosamplerate"), metadata.get("stereo") instanceof Boolean stereo ? (stereo ? 2 : 1) : null);
    return new IngestedStream(id, name, app, interruptedAt == null ? IngestedStream.LIVE : IngestedStream.INTERRUPTED,
        publishes, interruptedAt, ingestNode, remoteAddress, decodeNode, startedAt, video, audio,
        counters());
  }

  private Number number(String key) {
    return metadata.get(key) instanceof Double d ? d : null; // IngestedStream keeps whole numbers as such
  }
}
