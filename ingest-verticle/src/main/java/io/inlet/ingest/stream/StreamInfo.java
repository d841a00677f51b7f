package io.inlet.ingest.stream;

import io.inlet.bus.MediaCodec;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * What the ingest side knows about one live stream, for events and the API: who publishes, what the
 * publisher announced in onMetaData, which codecs arrived, and byte and frame counters.
 */
public final class StreamInfo {

  private final String name;
  private final String app;
  private final String ingestNode;
  private final String remoteAddress;
  private final Instant startedAt;
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

  public StreamInfo(String name, String app, String ingestNode, String remoteAddress, Instant startedAt) {
    this.name = name;
    this.app = app;
    this.ingestNode = ingestNode;
    this.remoteAddress = remoteAddress;
    this.startedAt = startedAt;
  }

  public String name() {
    return name;
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

  /** The fields of a stream event (started/ended) this side can fill. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("app", app)
        .put("ingestNode", ingestNode)
        .put("remoteAddress", remoteAddress)
        .put("decodeNode", decodeNode)
        .put("startedAt", startedAt.toString());
    json.put("video", videoCodec == null ? null : new JsonObject()
        .put("codec", videoCodec.jsonName())
        .put("width", number("width"))
        .put("height", number("height"))
        .put("frameRate", number("framerate")));
    json.put("audio", audioCodec == null ? null : new JsonObject()
        .put("codec", audioCodec.jsonName())
        .put("sampleRate", number("audiosamplerate"))
        .put("channels", metadata.get("stereo") instanceof Boolean stereo ? (stereo ? 2 : 1) : null));
    json.put("stats", new JsonObject()
        .put("bytesIn", bytesIn)
        .put("bitrateKbps", bitrateKbps)
        .put("videoFramesIn", videoFramesIn)
        .put("audioFramesIn", audioFramesIn)
        .put("framesDroppedAtIngest", framesDroppedAtIngest));
    return json;
  }

  private Number number(String key) {
    return metadata.get(key) instanceof Double d ? (d == Math.rint(d) ? (Number) d.longValue() : d) : null;
  }
}
