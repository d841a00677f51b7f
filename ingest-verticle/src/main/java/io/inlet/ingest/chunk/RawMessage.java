package io.inlet.ingest.chunk;

import io.netty.buffer.ByteBuf;

/**
 * One reassembled RTMP message.
 *
 * @param chunkStreamId the chunk stream it arrived on (2..65599)
 * @param typeId the message type id (see {@code io.inlet.ingest.message.MessageType})
 * @param timestamp the absolute 32-bit RTMP timestamp (0..2^32-1), deltas already accumulated
 *     mod 2^32
 * @param messageStreamId the message stream id (0 for protocol control and connection commands)
 * @param payload a heap buffer owned by the consumer (unpooled: no release needed)
 */
public record RawMessage(
    int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload) {}
