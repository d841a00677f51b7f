package io.inlet.ingest.flv;

/**
 * What one media tag carries. The legacy AVC/AAC packet types and the Enhanced RTMP packet types
 * fold into these, so the session above does not care which signalling the publisher used.
 */
public enum FlvPacketType {
  /** A codec configuration record; the decoder is (re)configured from it. */
  SEQUENCE_START,
  /** One access unit (or audio frame) ready for the decoder. */
  CODED_FRAMES,
  /** The end of the current sequence; data is normally empty. */
  SEQUENCE_END,
  /** Enhanced RTMP video metadata: AMF name/value pairs such as colorInfo, not decoded here. */
  METADATA,
  /** Enhanced RTMP audio channel order and count, for codecs that do not carry their own. */
  MULTICHANNEL_CONFIG,
  /** A video info/command frame (client-side seek start/end); carries no media. */
  COMMAND
}
