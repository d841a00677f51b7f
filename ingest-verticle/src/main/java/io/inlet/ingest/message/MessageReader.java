package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.chunk.ChunkReader;
import io.inlet.ingest.chunk.RawMessage;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The inbound side of a connection after the handshake: socket bytes to chunks (its
 * {@link ChunkReader}) to typed {@link RtmpMessage}s. Set Chunk Size and Abort are applied to the
 * chunk reader here, as soon as they are parsed and before the next chunk is read, then delivered
 * like any other message.
 *
 * <p>Every violation, of the chunk layer, a payload format or an AMF value, is a
 * {@link ProtocolException}; a reader that threw one stays failed and throws the same exception on
 * every later {@link #read}.
 */
public final class MessageReader {

  private final ChunkReader chunks;
  /** The failure that ended this reader, or null while it is usable. */
  private ProtocolException failure;

  public MessageReader(ChunkLimits limits) {
    this.chunks = new ChunkReader(limits);
  }

  /**
   * Consumes all readable bytes of {@code in} and delivers every message they complete, parsed, in
   * order, to {@code sink}. A ProtocolException from the sink ends the reader too: the rest of
   * {@code in} is left unread, so there is no position to resume from.
   */
  public void read(ByteBuf in, Consumer<RtmpMessage> sink) {
    if (failure != null) {
      throw failure;
    }
    try {
      chunks.read(in, raw -> {
        RtmpMessage message = parse(raw);
        if (message instanceof SetChunkSize set) {
          chunks.setChunkSize(set.size());
        } else if (message instanceof Abort abort) {
          chunks.abort(abort.chunkStreamId());
        }
        sink.accept(message);
      });
    } catch (ProtocolException e) {
      failure = e;
      throw e;
    }
  }

  /** The current inbound chunk size: 128 until the peer sends Set Chunk Size. */
  public int chunkSize() {
    return chunks.chunkSize();
  }

  /** Bytes held in partially assembled messages. */
  public int pendingBytes() {
    return chunks.pendingBytes();
  }

  /**
   * Parses one reassembled message by its type id, without moving the payload's reader index.
   *
   * @throws ProtocolException if the payload is malformed for its type, or the type is not one
   *     RTMP defines
   */
  public static RtmpMessage parse(RawMessage raw) {
    ByteBuf payload = raw.payload();
    int stream = raw.messageStreamId();
    return switch (raw.typeId()) {
      case MessageType.SET_CHUNK_SIZE -> SetChunkSize.parse(payload);
      case MessageType.ABORT -> Abort.parse(payload);
      case MessageType.ACKNOWLEDGEMENT -> Acknowledgement.parse(payload);
      case MessageType.USER_CONTROL -> UserControlEvent.parse(payload);
      case MessageType.WINDOW_ACK_SIZE -> WindowAckSize.parse(payload);
      case MessageType.SET_PEER_BANDWIDTH -> SetPeerBandwidth.parse(payload);
      case MessageType.AUDIO -> MediaMessage.audio(stream, raw.timestamp(), payload);
      case MessageType.VIDEO -> MediaMessage.video(stream, raw.timestamp(), payload);
      case MessageType.AGGREGATE -> AggregateMessage.parse(stream, raw.timestamp(), payload);
      case MessageType.COMMAND_AMF0 -> CommandMessage.parse(stream, payload, false);
      case MessageType.COMMAND_AMF3 -> CommandMessage.parse(stream, payload, true);
      case MessageType.DATA_AMF0 -> DataMessage.parse(stream, payload, false);
      case MessageType.DATA_AMF3 -> DataMessage.parse(stream, payload, true);
      case MessageType.SHARED_OBJECT_AMF0 -> new SharedObjectMessage(false);
      case MessageType.SHARED_OBJECT_AMF3 -> new SharedObjectMessage(true);
      default -> throw ProtocolException.unsupported("unknown RTMP message type " + raw.typeId());
    };
  }
}
