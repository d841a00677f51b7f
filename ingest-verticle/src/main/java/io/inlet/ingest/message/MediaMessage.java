package io.inlet.ingest.message;

import io.inlet.ingest.flv.FlvMediaTag;
import java.util.List;

/**
 * An audio or video message (7.1.5), its FLV or Enhanced RTMP tag already parsed: the session gets
 * media it can route without looking at a byte.
 */
public sealed interface MediaMessage extends RtmpMessage permits AudioMessage, VideoMessage {

  int messageStreamId();

  /** The 32-bit RTMP timestamp, in milliseconds. */
  long timestamp();

  /**
   * What the tag carries, usually one item (several for a multitrack message, none for audio
   * silence); their data are slices of the message payload, never copies.
   */
  List<FlvMediaTag> tags();

  /** The size of the payload the tags came from, for counting bytes in. */
  int payloadBytes();
}
