package io.inlet.node;

import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.amf.Amf0Encoder;
import io.inlet.ingest.amf.Amf0Object;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.chunk.ChunkReader;
import io.inlet.ingest.chunk.ChunkWriter;
import io.inlet.ingest.chunk.RawMessage;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.message.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * One publish attempt, hand-driven, that reads back the server's verdict exactly: the code and the
 * description of the publish's onStatus. For the many-publishers measurement, where 200 FFmpegs would
 * measure the machine rather than Inlet. (The ingest module's RawRtmpClient is in its test sources,
 * out of this module's reach.)
 */
public final class PublishProbe implements AutoCloseable {

  /** The onStatus of a publish. */
  public record Status(String code, String description) {}

  private final Socket socket = new Socket();
  private final ChunkWriter writer = new ChunkWriter();
  private final ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
  private final ArrayDeque<RawMessage> received = new ArrayDeque<>();

  PublishProbe(int port) throws IOException {
    this("127.0.0.1", port);
  }

  /** A probe of the RTMP listener at {@code host:port} (a network lab's node, for one). */
  public PublishProbe(String host, int port) throws IOException {
    socket.connect(new InetSocketAddress(host, port), 5_000);
  }

  /** Handshakes, connects to {@code live} with {@code tcUrl}, publishes {@code key}, returns the verdict. */
  public Status publish(String tcUrl, String key, long timeoutMs) throws IOException {
    handshake();
    command(0, "connect", 1.0, new Amf0Object().with("app", "live").with("tcUrl", tcUrl));
    command(0, "createStream", 2.0, null);
    command(1, "publish", 3.0, null, key, "live");
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      RawMessage message = next(deadline);
      if (message.typeId() != MessageType.COMMAND_AMF0) {
        continue;
      }
      for (Object value : new Amf0Decoder().decodeAll(message.payload().duplicate())) {
        if (value instanceof Map<?, ?> info && info.get("code") instanceof String code && code.startsWith("NetStream.Publish.")) {
          return new Status(code, String.valueOf(info.get("description")));
        }
      }
    }
    throw new IOException("no publish status within " + timeoutMs + " ms");
  }

  /** The simple (version 3, no digest) handshake: C0 C1, read S0 S1 S2, C2 echoes S1. */
  private void handshake() throws IOException {
    byte[] c0c1 = new byte[1 + 1536];
    c0c1[0] = 3;
    send(c0c1);
    byte[] reply = socket.getInputStream().readNBytes(1 + 2 * 1536);
    if (reply.length != 1 + 2 * 1536) {
      throw new IOException("the server closed during the handshake");
    }
    byte[] c2 = new byte[1536];
    System.arraycopy(reply, 1, c2, 0, 1536);
    send(c2);
  }

  private void command(int messageStreamId, Object... values) throws IOException {
    ByteBuf out = Unpooled.buffer();
    writer.write(out, 3, MessageType.COMMAND_AMF0, 0, messageStreamId, Amf0Encoder.encodeAll(values));
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    send(bytes);
  }

  private void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  private RawMessage next(long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    while (received.isEmpty()) {
      socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
      int read = in.read(buffer);
      if (read < 0) {
        throw new IOException("the server closed the connection before the publish status");
      }
      reader.read(Unpooled.wrappedBuffer(buffer, 0, read), message -> {
        if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
          reader.setChunkSize(SetChunkSize.parse(message.payload()).size());
        }
        received.add(message);
      });
    }
    return received.poll();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
