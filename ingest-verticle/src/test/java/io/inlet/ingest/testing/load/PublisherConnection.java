package io.inlet.ingest.testing.load;

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
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One publisher of the load generator: a non-blocking socket that does what FFmpeg does (handshake,
 * connect, createStream, publish), then replays the clip's messages when their timestamps come due,
 * looping with timestamps that keep growing. Driven by one thread: {@link LoadGenerator}'s selector loop.
 */
final class PublisherConnection {

  enum State { WAITING, CONNECTING, HANDSHAKING, PUBLISHING, STREAMING, CLOSING, FINISHED, FAILED }

  /** What may wait for the socket: beyond it the stream falls behind its clock (and says so). */
  private static final int MAX_QUEUED_BYTES = 512 * 1024;
  private static final int HANDSHAKE_REPLY = 1 + 2 * 1536;

  private final InetSocketAddress server;
  private final String app;
  private final String key;
  private final ReplayClip clip;
  private final int loops;
  private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
  private final ByteBuffer[] batch = new ByteBuffer[32];
  private final ByteBuffer handshakeReply = ByteBuffer.allocate(HANDSHAKE_REPLY);
  private final ByteBuffer in = ByteBuffer.allocate(4096);
  private final ChunkReader reader = new ChunkReader(ChunkLimits.DEFAULTS);
  private final ChunkWriter writer = new ChunkWriter();
  private ClientHandshake handshake;
  private SocketChannel channel;
  private SelectionKey selectionKey;
  private State state = State.WAITING;
  private long queuedBytes;
  private int next;
  private long loop;
  private long startNanos;
  private String failure;
  private long bytesSent;
  private long mediaMessagesSent;

  PublisherConnection(InetSocketAddress server, String app, String key, ReplayClip clip, int loops) {
    this.server = server;
    this.app = app;
    this.key = key;
    this.clip = clip;
    this.loops = loops;
  }

  void open(Selector selector) {
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      selectionKey = channel.register(selector, SelectionKey.OP_CONNECT, this);
      state = State.CONNECTING;
      if (channel.connect(server)) {
        onConnected();
      }
    } catch (IOException e) {
      fail("connect: " + e.getMessage());
    }
  }

  /** The selector found this connection's socket ready. */
  void onReady(long now) {
    try {
      if (selectionKey.isConnectable() && channel.finishConnect()) {
        onConnected();
      }
      if (selectionKey.isValid() && selectionKey.isReadable()) {
        read(now);
      }
      if (selectionKey.isValid() && selectionKey.isWritable()) {
        flush();
      }
    } catch (IOException | RuntimeException e) {
      fail(state.name().toLowerCase() + ": " + e.getMessage());
    }
  }

  /** Sends what came due by {@code now}. */
  void tick(long now) {
    if (state != State.STREAMING) {
      return;
    }
    try {
      List<ReplayClip.Message> messages = clip.messages();
      while (queuedBytes < MAX_QUEUED_BYTES && state == State.STREAMING) {
        ReplayClip.Message message = messages.get(next);
        long timestamp = loop * clip.loopMillis() + message.timestamp();
        if (startNanos + timestamp * 1_000_000 > now) {
          break;
        }
        if (loop == 0 || !message.configuration()) {
          enqueue(message, timestamp);
        }
        if (++next == messages.size()) {
          next = 0;
          loop++;
          if (loops > 0 && loop == loops) {
            unpublish();
          }
        }
      }
      flush();
    } catch (IOException | RuntimeException e) {
      fail("streaming: " + e.getMessage());
    }
  }

  /** How far behind its clock the stream is at {@code now}, in ms (0 unless streaming). */
  long behindMillis(long now) {
    if (state != State.STREAMING) {
      return 0;
    }
    long due = startNanos + (loop * clip.loopMillis() + clip.messages().get(next).timestamp()) * 1_000_000;
    return Math.max(0, (now - due) / 1_000_000);
  }

  State state() {
    return state;
  }

  String failure() {
    return failure;
  }

  long bytesSent() {
    return bytesSent;
  }

  long mediaMessagesSent() {
    return mediaMessagesSent;
  }

  void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    if (state != State.FINISHED && state != State.FAILED) {
      state = State.FINISHED;
    }
  }

  private void onConnected() throws IOException {
    state = State.HANDSHAKING;
    handshake = new ClientHandshake(ClientHandshake.Mode.SIMPLE, new Random(key.hashCode()));
    queue(ByteBuffer.wrap(handshake.c0c1()));
    flush();
  }

  private void read(long now) throws IOException {
    if (state == State.HANDSHAKING) {
      if (channel.read(handshakeReply) < 0) {
        fail("the server closed the connection during the handshake");
        return;
      }
      if (handshakeReply.hasRemaining()) {
        return;
      }
      queue(ByteBuffer.wrap(handshake.c2(handshakeReply.array())));
      publishCommands();
      state = State.PUBLISHING;
      flush();
    }
    int read;
    while ((read = channel.read(in)) > 0) {
      reader.read(Unpooled.wrappedBuffer(in.array(), 0, in.position()), message -> onMessage(message, now));
      in.clear();
    }
    if (read < 0) {
      fail(state == State.STREAMING ? "the server closed the connection while streaming"
          : "the server closed the connection before Publish.Start");
    }
  }

  private void publishCommands() {
    send(2, MessageType.SET_CHUNK_SIZE, 0, 0, new SetChunkSize(clip.chunkSize()).encode());
    writer.setChunkSize(clip.chunkSize());
    String tcUrl = "rtmp://" + server.getHostString() + ":" + server.getPort() + "/" + app;
    command(0, "connect", 1.0, new Amf0Object().with("app", app).with("type", "nonprivate")
        .with("flashVer", "FMLE/3.0 (compatible; inlet-load)").with("tcUrl", tcUrl));
    command(0, "releaseStream", 2.0, null, key);
    command(0, "FCPublish", 3.0, null, key);
    command(0, "createStream", 4.0, null);
    command(ReplayClip.MESSAGE_STREAM, "publish", 5.0, null, key, "live");
  }

  private void onMessage(RawMessage message, long now) {
    if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
      reader.setChunkSize(SetChunkSize.parse(message.payload()).size());
      return;
    }
    if (message.typeId() != MessageType.COMMAND_AMF0) {
      return; // window size, bandwidth, acknowledgements, pings: nothing a publisher must answer
    }
    List<Object> values = new Amf0Decoder().decodeAll(message.payload().duplicate());
    Map<?, ?> info = values.size() > 3 && values.get(3) instanceof Map<?, ?> map ? map : Map.of();
    Object name = values.isEmpty() ? "" : values.get(0);
    if ("_error".equals(name) || "error".equals(info.get("level"))) {
      fail("refused: " + info.get("code") + " " + info.get("description"));
    } else if ("onStatus".equals(name) && "NetStream.Publish.Start".equals(info.get("code")) && state == State.PUBLISHING) {
      state = State.STREAMING;
      startNanos = now;
    }
  }

  private void enqueue(ReplayClip.Message message, long timestamp) {
    if (timestamp < 0xFFFFFF) {
      byte[] header = message.header().clone();
      header[1] = (byte) (timestamp >>> 16);
      header[2] = (byte) (timestamp >>> 8);
      header[3] = (byte) timestamp;
      queue(ByteBuffer.wrap(header));
      queue(message.chunks().duplicate());
    } else {
      send(message.chunkStreamId(), message.typeId(), timestamp, ReplayClip.MESSAGE_STREAM, message.payload());
    }
    mediaMessagesSent++;
  }

  private void unpublish() {
    command(ReplayClip.MESSAGE_STREAM, "FCUnpublish", 6.0, null, key);
    command(ReplayClip.MESSAGE_STREAM, "deleteStream", 7.0, null, (double) ReplayClip.MESSAGE_STREAM);
    state = State.CLOSING;
  }

  private void command(int messageStream, Object... values) {
    send(3, MessageType.COMMAND_AMF0, 0, messageStream, Amf0Encoder.encodeAll(values));
  }

  private void send(int csid, int typeId, long timestamp, int messageStream, ByteBuf payload) {
    ByteBuf out = Unpooled.buffer();
    writer.write(out, csid, typeId, timestamp, messageStream, payload);
    queue(out.nioBuffer());
  }

  private void queue(ByteBuffer bytes) {
    outbound.add(bytes);
    queuedBytes += bytes.remaining();
  }

  /** Writes what the socket takes; waits for OP_WRITE when it takes less. */
  private void flush() throws IOException {
    while (!outbound.isEmpty()) {
      int n = 0;
      long offered = 0;
      for (ByteBuffer buffer : outbound) {
        if (n == batch.length) {
          break;
        }
        batch[n++] = buffer;
        offered += buffer.remaining();
      }
      long written = channel.write(batch, 0, n);
      bytesSent += written;
      queuedBytes -= written;
      while (!outbound.isEmpty() && !outbound.peek().hasRemaining()) {
        outbound.poll();
      }
      if (written < offered) {
        selectionKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
    }
    selectionKey.interestOps(SelectionKey.OP_READ);
    if (state == State.CLOSING) {
      channel.close();
      state = State.FINISHED;
    }
  }

  private void fail(String reason) {
    if (state == State.FINISHED || state == State.FAILED) {
      return;
    }
    failure = reason;
    state = State.FAILED;
    try {
      channel.close();
    } catch (IOException | RuntimeException ignored) {
      // already failed
    }
  }
}
