package io.inlet.ingest.session;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/** The ingest side of one live publish, as the session feeds it. */
public interface PublishedStream {

  /** The stream's public name (the key's name, never the key). */
  String name();

  /** An RTMP audio message of this publish, with its 32-bit timestamp and arrival time. */
  void onAudio(long timestamp, ByteBuf payload, long receivedAtMicros);

  /** An RTMP video message of this publish. */
  void onVideo(long timestamp, ByteBuf payload, long receivedAtMicros);

  /** An RTMP aggregate message of this publish. */
  void onAggregate(long timestamp, ByteBuf payload, long receivedAtMicros);

  /** onMetaData / @setDataFrame properties. */
  void onMetadata(Map<String, Object> metadata);

  /** The publish ended (unpublish, deleteStream, disconnect or error); frees everything. Idempotent. */
  void close(String reason);

  /** Registers what to do when the stream is ended from outside (key revoked, node draining). */
  void onEndedExternally(Runnable action);
}
