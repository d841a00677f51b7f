package io.inlet.ingest.testing;

import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.amf.Amf0Encoder;
import io.inlet.ingest.amf.Amf0Object;
import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.chunk.ChunkReader;
import io.inlet.ingest.chunk.ChunkWriter;
import io.inlet.ingest.chunk.RawMessage;
import io.inlet.ingest.handshake.ClientHandshake;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.message.SetChunkSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;

/**
 * A hand-driven RTMP client for the cases where a hostile or malformed client is the point; real
 * publishing is tested with FFmpeg.
 */
public final class RawRtmpClient implements AutoCloseable {

  private final Socket socket;
  private final ChunkWriter writer = new ChunkWriter();
  private final ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
  private final java.util.ArrayDeque<RawMessage> pendingMessages = new java.util.ArrayDeque<>();

  public RawRtmpClient(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true); // as encoders do: small commands go out at once, not after the peer's delayed ACK
  }

  public void sendRaw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** A simple handshake: C0+C1, read S0+S1+S2, C2. */
  public RawRtmpClient handshake() throws IOException {
    ClientHandshake client = new ClientHandshake(ClientHandshake.Mode.SIMPLE, new Random(1));
    sendRaw(client.c0c1());
    byte[] reply = socket.getInputStream().readNBytes(1 + 2 * 1536);
    if (reply.length != 1 + 2 * 1536) {
      throw new IOException("the server closed during the handshake");
    }
    sendRaw(client.c2(reply));
    return this;
  }

  /** Sends one message as chunks of the client's current chunk size. */
  public void send(int csid, int typeId, long timestamp, int msid, ByteBuf payload) throws IOException {
    ByteBuf out = Unpooled.buffer();
    writer.write(out, csid, typeId, timestamp, msid, payload);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    sendRaw(bytes);
  }

  public void command(int msid, Object... values) throws IOException {
    send(3, MessageType.COMMAND_AMF0, 0, msid, Amf0Encoder.encodeAll(values));
  }

  public RawRtmpClient connect() throws IOException {
    command(0, "connect", 1.0, new Amf0Object().with("app", "live").with("tcUrl", "rtmp://127.0.0.1/live"));
    return this;
  }

  public RawRtmpClient publish(String key) throws IOException {
    command(0, "createStream", 2.0, null);
    command(1, "publish", 3.0, null, key, "live");
    return this;
  }

  /** A video message of the publish (message stream 1, chunk stream 6). */
  public void video(long timestamp, byte[] payload) throws IOException {
    send(6, MessageType.VIDEO, timestamp, 1, Unpooled.wrappedBuffer(payload));
  }

  /** An audio message of the publish (message stream 1, chunk stream 4). */
  public void audio(long timestamp, byte[] payload) throws IOException {
    send(4, MessageType.AUDIO, timestamp, 1, Unpooled.wrappedBuffer(payload));
  }

  /** Waits for the onStatus whose code is {@code code}, e.g. NetStream.Publish.Start. */
  public RawRtmpClient awaitStatus(String code, long timeoutMs) throws IOException {
    awaitMessage(message -> message.typeId() == MessageType.COMMAND_AMF0
        && new Amf0Decoder().decodeAll(message.payload().duplicate()).stream()
            .anyMatch(value -> value instanceof java.util.Map<?, ?> map && code.equals(map.get("code"))), timeoutMs);
    return this;
  }

  public void setChunkSize(int size) throws IOException {
    send(2, MessageType.SET_CHUNK_SIZE, 0, 0, Unpooled.buffer(4).writeInt(size));
    writer.setChunkSize(size);
  }

  /**
   * Reads the server's messages (reassembled by Inlet's own chunk reader) until one matches, or fails
   * after {@code timeoutMs}.
   */
  public RawMessage awaitMessage(java.util.function.Predicate<RawMessage> wanted, long timeoutMs) throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    while (System.currentTimeMillis() < deadline) {
      if (!pendingMessages.isEmpty()) {
        RawMessage message = pendingMessages.poll();
        if (wanted.test(message)) {
          return message;
        }
        continue;
      }
      socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
      int read;
      try {
        read = in.read(buffer);
      } catch (SocketTimeoutException e) {
        break;
      }
      if (read < 0) {
        throw new IOException("the server closed the connection before the expected message");
      }
      reader.read(Unpooled.wrappedBuffer(buffer, 0, read), message -> {
        // The server announces its chunk size after connect; applying it is the reader's caller's job.
        if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
          reader.setChunkSize(SetChunkSize.parse(message.payload()).size());
        }
        pendingMessages.add(message);
      });
    }
    throw new IOException("no expected message within " + timeoutMs + " ms");
  }

  /**
   * Reads and discards what the server sends until it closes the connection; returns true if it did
   * within {@code timeoutMs}, false if the connection was still open then.
   */
  public boolean closedByServerWithin(long timeoutMs) throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[8192];
    while (System.currentTimeMillis() < deadline) {
      socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
