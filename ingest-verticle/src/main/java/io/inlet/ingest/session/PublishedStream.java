package io.inlet.ingest.session;

import java.util.Map;

/**
 * The ingest side of one live publish, as the session feeds it: media arrives parsed and demuxed,
 * ready to be numbered and sent.
 */
public interface PublishedStream {

  /** The stream's public name (the key's name, never the key). */
  String name();

  /** An audio, video or aggregate message of this publish arrived, with this payload size. */
  void onMediaBytes(int payloadBytes);

  /** One packet demuxed from this publish's media, in order; its data is a slice of the payload. */
  void onPacket(DemuxedPacket packet);

  /** onMetaData / @setDataFrame properties. */
  void onMetadata(Map<String, Object> metadata);

  /** The publisher unpublished (FCUnpublish, closeStream, deleteStream): the stream ends at once. Idempotent. */
  void end(String reason);

  /**
   * The publisher's connection ended without an unpublish (closed, reset, silent past the idle
   * timeout, a protocol error): the stream waits for the publisher to resume it. Idempotent.
   */
  void interrupt(String reason);

  /**
   * Registers what to do when the server takes the stream from this publisher (key revoked, an
   * operator ended it, node draining, another session took it over): disconnect it. The action gets
   * the reason, which completes "stream 'cam1' ..." in the log line.
   */
  void onEndedExternally(java.util.function.Consumer<String> action);
}
