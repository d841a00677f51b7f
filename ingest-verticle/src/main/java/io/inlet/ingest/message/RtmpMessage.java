package io.inlet.ingest.message;

/**
 * One RTMP message, parsed: what the connection hands the session instead of bytes. One record per
 * kind (Adobe RTMP 1.0 sections 5.4, 6.2 and 7.1), each parsing its own payload and, for those the
 * server sends, encoding it: protocol control ({@link SetChunkSize}, {@link Abort},
 * {@link Acknowledgement}, {@link WindowAckSize}, {@link SetPeerBandwidth}), user control
 * ({@link UserControlEvent}), {@link CommandMessage}, {@link DataMessage}, media
 * ({@link MediaMessage}, an {@link AggregateMessage} of them) and the
 * {@link SharedObjectMessage} Inlet ignores. {@link MessageReader} turns raw messages into these.
 */
public sealed interface RtmpMessage
    permits SetChunkSize, Abort, Acknowledgement, WindowAckSize, SetPeerBandwidth, UserControlEvent,
        CommandMessage, DataMessage, MediaMessage, AggregateMessage, SharedObjectMessage {

  /** The message type id it travels with (see {@link MessageType}). */
  int typeId();
}
