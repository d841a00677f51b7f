package io.inlet.ingest.session;

import io.netty.buffer.ByteBuf;

/** Where a session's replies go: the connection chunks and writes them. */
public interface SessionOutput {

  /** Sends one message; the connection splits it into chunks of its outbound chunk size. */
  void send(int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload);

  /** Applies a new outbound chunk size, after a Set Chunk Size message announcing it was sent. */
  void outboundChunkSize(int size);

  /** Flushes what was sent and closes the connection, logging the reason once. */
  void close(CloseKind kind, String reason);

  /** Why a session closes its connection, for counting. */
  enum CloseKind {
    /** A connect or publish was refused (unknown application, bad key, stream already live). */
    REFUSED,
    /** The server ended the stream (revoked key, draining) or the client asked for something Inlet does not do. */
    ENDED_BY_SERVER
  }
}
