package io.inlet.bus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * What the ingest side knows of one live stream: the ingest half of the contract's Stream JSON, as
 * it appears in {@link StreamEvent}s and in the {@link IngestStats} every ingest node publishes.
 * Only {@code name} is always known; an event from another publisher may carry nothing else.
 *
 * @param id unique per stream lifetime: it survives resumes, a new stream of the same name gets a new one
 * @param state {@link #LIVE} or {@link #INTERRUPTED}
 * @param publishes how many publisher sessions the stream has had: 1, then one more per resume or takeover
 * @param interruptedAt when the stream became interrupted, or null while live
 * @param video what the publisher announced of its video (codec and metadata), or null
 * @param audio what the publisher announced of its audio, or null
 */
public record IngestedStream(String id, String name, String app, String state, int publishes, Instant interruptedAt,
    String ingestNode, String remoteAddress, String decodeNode, Instant startedAt, Video video, Audio audio,
    Counters stats) {

  /** A stream whose publisher sends. */
  public static final String LIVE = "live";
  /** A stream whose publisher's connection ended without an unpublish: it waits for a resume. */
  public static final String INTERRUPTED = "interrupted";

  /** The video track as announced: the numbers come from onMetaData and may be absent. */
  public record Video(String codec, Number width, Number height, Number frameRate) {

    public Video {
      width = JsonFields.normalized(width);
      height = JsonFields.normalized(height);
      frameRate = JsonFields.normalized(frameRate);
    }

    public JsonObject toJson() {
      return new JsonObject().put("codec", codec).put("width", width).put("height", height).put("frameRate", frameRate);
    }

    static Video fromJson(JsonObject json) {
      return json == null ? null : new Video(JsonFields.optionalString(json, "codec"), JsonFields.optionalNumber(json, "width"),
          JsonFields.optionalNumber(json, "height"), JsonFields.optionalNumber(json, "frameRate"));
    }
  }

  /** The audio track as announced: the numbers come from onMetaData and may be absent. */
  public record Audio(String codec, Number sampleRate, Number channels) {

    public Audio {
      sampleRate = JsonFields.normalized(sampleRate);
      channels = JsonFields.normalized(channels);
    }

    public JsonObject toJson() {
      return new JsonObject().put("codec", codec).put("sampleRate", sampleRate).put("channels", channels);
    }

    static Audio fromJson(JsonObject json) {
      return json == null ? null : new Audio(JsonFields.optionalString(json, "codec"),
          JsonFields.optionalNumber(json, "sampleRate"), JsonFields.optionalNumber(json, "channels"));
    }
  }

  /** The ingest side's counters; {@code framesDroppedAtIngest} are the frames flow control held back. */
  public record Counters(long bytesIn, long bitrateKbps, long videoFramesIn, long audioFramesIn, long framesDroppedAtIngest) {

    public static final Counters NONE = new Counters(0, 0, 0, 0, 0);

    public JsonObject toJson() {
      return new JsonObject()
          .put("bytesIn", bytesIn)
          .put("bitrateKbps", bitrateKbps)
          .put("videoFramesIn", videoFramesIn)
          .put("audioFramesIn", audioFramesIn)
          .put("framesDroppedAtIngest", framesDroppedAtIngest);
    }

    static Counters fromJson(JsonObject json) {
      return json == null ? NONE : new Counters(JsonFields.optionalLong(json, "bytesIn", 0), JsonFields.optionalLong(json, "bitrateKbps", 0),
          JsonFields.optionalLong(json, "videoFramesIn", 0), JsonFields.optionalLong(json, "audioFramesIn", 0),
          JsonFields.optionalLong(json, "framesDroppedAtIngest", 0));
    }
  }

  public IngestedStream {
    Objects.requireNonNull(name, "name");
    stats = stats == null ? Counters.NONE : stats;
  }

  /** A stream known by its name only (an event from a publisher that sent nothing else). */
  public static IngestedStream named(String name) {
    return new IngestedStream(null, name, null, null, 0, null, null, null, null, null, null, null, Counters.NONE);
  }

  /** The ingest half of the Stream JSON. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("app", app)
        .put("state", state)
        .put("publishes", publishes)
        .put("interruptedAt", interruptedAt == null ? null : interruptedAt.toString())
        .put("ingestNode", ingestNode)
        .put("remoteAddress", remoteAddress)
        .put("decodeNode", decodeNode)
        .put("startedAt", startedAt == null ? null : startedAt.toString())
        .put("video", video == null ? null : video.toJson())
        .put("audio", audio == null ? null : audio.toJson())
        .put("stats", stats.toJson());
  }

  /** @throws WireFormatException when {@code name} is missing or a field is ill-typed */
  public static IngestedStream fromJson(JsonObject json) {
    return new IngestedStream(JsonFields.optionalString(json, "id"), JsonFields.requiredString(json, "name"),
        JsonFields.optionalString(json, "app"), JsonFields.optionalString(json, "state"),
        (int) JsonFields.optionalLong(json, "publishes", 0), JsonFields.optionalInstant(json, "interruptedAt"),
        JsonFields.optionalString(json, "ingestNode"), JsonFields.optionalString(json, "remoteAddress"),
        JsonFields.optionalString(json, "decodeNode"), JsonFields.optionalInstant(json, "startedAt"),
        Video.fromJson(JsonFields.optionalObject(json, "video")), Audio.fromJson(JsonFields.optionalObject(json, "audio")),
        Counters.fromJson(JsonFields.optionalObject(json, "stats")));
  }
}
