package io.inlet.ingest.session;

import io.inlet.ingest.message.MessageType;
import io.netty.buffer.ByteBuf;

/**
 * What a session sends, on the chunk streams FMS uses for each: protocol and user control on 2,
 * NetConnection command replies on 3, NetStream status on 5.
 */
final class Replies {

  private static final int CONTROL_CSID = 2;
  private static final int COMMAND_CSID = 3;
  private static final int STATUS_CSID = 5;

  private final SessionOutput out;

  Replies(SessionOutput out) {
    this.out = out;
  }

  /** A protocol control or user control message, on message stream 0. */
  void control(int typeId, ByteBuf payload) {
    out.send(CONTROL_CSID, typeId, 0, 0, payload);
  }

  /** An AMF0 command or reply on the NetConnection (message stream 0). */
  void command(ByteBuf payload) {
    out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0, payload);
  }

  /** A NetStream onStatus on {@code messageStreamId}. */
  void status(int messageStreamId, String level, String code, String description) {
    out.send(STATUS_CSID, MessageType.COMMAND_AMF0, 0, messageStreamId,
        StatusMessages.onStatus(level, code, description));
  }

  void outboundChunkSize(int size) {
    out.outboundChunkSize(size);
  }

  void close(SessionOutput.CloseKind kind, String reason) {
    out.close(kind, reason);
  }
}
