package io.inlet.ingest.server;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.chunk.ChunkWriter;
import io.inlet.ingest.handshake.ServerHandshake;
import io.inlet.ingest.message.MessageReader;
import io.inlet.ingest.session.PublishGate;
import io.inlet.ingest.session.RtmpSession;
import io.inlet.ingest.session.SessionOutput;
import io.inlet.ingest.session.SessionState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Vertx;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one RTMP socket to the protocol layers, one way: handshake, then the message reader (chunks
 * to typed messages) feeding the session, whose replies are chunked back onto the socket. Runs
 * entirely on the socket's event loop. Any protocol violation closes the connection with one log
 * line naming the remote address and the reason, counted by its kind; the socket's other streams
 * and the node never notice.
 */
final class RtmpConnection implements SessionOutput {

  private static final Logger LOG = LoggerFactory.getLogger(RtmpConnection.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
  /** After we end a socket, how long the peer gets to read our last words before we cut it. */
  private static final long CLOSE_GRACE_MS = 500;

  private final NetSocket socket;
  private final Vertx vertx;
  private final IngestOptions options;
  private final IngestMetrics metrics;
  private final Runnable onClosed;
  private final String remoteAddress;
  private final ServerHandshake handshake = new ServerHandshake(RANDOM);
  private final MessageReader reader;
  private final ChunkWriter writer = new ChunkWriter();
  private final RtmpSession session;
  private final long openedAtNanos = System.nanoTime();
  /** Bytes of a handshake packet that arrived split; at most one packet (1537 bytes) is ever held. */
  private final ByteBuf handshakeInput = ALLOC.heapBuffer(ServerHandshake.PACKET_SIZE + 1);
  private boolean closing;

  private final CloseLog closeLog;

  RtmpConnection(NetSocket socket, Vertx vertx, IngestOptions options, PublishGate gate, IngestMetrics metrics, CloseLog closeLog,
      Runnable onClosed) {
    this.closeLog = closeLog;
    this.socket = socket;
    this.vertx = vertx;
    this.options = options;
    this.metrics = metrics;
    this.onClosed = onClosed;
    this.remoteAddress = String.valueOf(socket.remoteAddress());
    this.reader = new MessageReader(options.chunkLimits());
    this.session = new RtmpSession(this, gate, options.sessionLimits(), remoteAddress, System::nanoTime);
  }

  void start() {
    metrics.connectionOpened();
    // Netty's own read buffers, not NetSocket.handler's: that one copies every read into a new heap
    // Buffer first, a copy and an allocation per read that the chunk reader (which copies each message
    // body out anyway) does not need. The buffers are pooled, so each is released once read.
    ((NetSocketInternal) socket).messageHandler(this::onMessage);
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(error -> fail(IngestMetrics.Cause.SOCKET_ERROR, "socket error: " + error.getMessage()));
  }

  String remoteAddress() {
    return remoteAddress;
  }

  RtmpSession session() {
    return session;
  }

  /** Asks the client to reconnect elsewhere (the node drains). */
  void requestReconnect(String tcUrl) {
    if (!closing) {
      session.requestReconnect(tcUrl, "This Inlet node is shutting down; reconnect to continue.");
    }
  }

  /** Called every second by the verticle: enforces the handshake and idle timeouts. */
  void checkTimeouts(long nowNanos) {
    if (closing) {
      return;
    }
    long openForMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - openedAtNanos);
    if (!handshake.isDone()) {
      if (openForMs >= options.handshakeTimeoutMs()) {
        fail(IngestMetrics.Cause.HANDSHAKE_TIMEOUT, "handshake not completed within " + options.handshakeTimeoutMs() + " ms");
      }
      return;
    }
    long idleMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - session.idleSinceNanos());
    if (idleMs < options.idleTimeoutMs()) {
      return;
    }
    String reason = switch (session.state()) {
      case PUBLISHING -> "no media for " + options.idleTimeoutMs() + " ms";
      case PUBLISH_PENDING -> "its publish was not answered within " + options.idleTimeoutMs() + " ms";
      default -> "no publish within " + options.idleTimeoutMs() + " ms of connecting or unpublishing";
    };
    fail(IngestMetrics.Cause.IDLE_TIMEOUT, reason);
  }

  private void onMessage(Object message) {
    try {
      if (message instanceof ByteBuf) {
        onData((ByteBuf) message);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  /** Reads what arrived; nothing of {@code in} is kept beyond this call (the reader copies what it keeps). */
  private void onData(ByteBuf in) {
    if (closing) {
      return;
    }
    int length = in.readableBytes();
    metrics.bytesIn(length);
    try {
      if (!handshake.isDone()) {
        // The handshake needs whole packets; the message reader does not (it keeps its own partial state).
        handshakeInput.writeBytes(in);
        ByteBuf reply = handshake.offer(handshakeInput, ALLOC);
        if (reply != null) {
          socket.write(BufferInternal.buffer(reply));
        }
        if (!handshake.isDone()) {
          handshakeInput.discardReadBytes();
          return;
        }
        metrics.handshakeCompleted();
        in = handshakeInput;
      }
      session.onBytesReceived(length);
      if (in.isReadable()) {
        reader.read(in, session::onMessage);
      }
    } catch (ProtocolException e) {
      fail(handshake.isDone() ? IngestMetrics.Cause.of(e.kind()) : IngestMetrics.Cause.HANDSHAKE_FAILED, e.reason());
    }
  }

  @Override
  public void send(int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload) {
    if (closing) {
      return;
    }
    ByteBuf out = ALLOC.heapBuffer(payload.readableBytes() + 32);
    writer.write(out, chunkStreamId, typeId, timestamp, messageStreamId, payload);
    socket.write(BufferInternal.buffer(out));
  }

  @Override
  public void outboundChunkSize(int size) {
    writer.setChunkSize(size);
  }

  @Override
  public void close(CloseKind kind, String reason) {
    IngestMetrics.Cause cause = kind == CloseKind.REFUSED ? IngestMetrics.Cause.PUBLISH_REFUSED : IngestMetrics.Cause.ENDED_BY_SERVER;
    shutDown(cause, reason, false);
  }

  /** Closes the connection because of a violation or a timeout. */
  void fail(IngestMetrics.Cause cause, String reason) {
    shutDown(cause, reason, true);
  }

  private void shutDown(IngestMetrics.Cause cause, String reason, boolean warn) {
    if (closing) {
      return;
    }
    closing = true;
    metrics.closed(cause);
    if (closeLog.allow()) {
      if (warn) {
        LOG.warn("rtmp {}: closing connection: {}", remoteAddress, reason);
      } else {
        LOG.info("rtmp {}: closing connection: {}", remoteAddress, reason);
      }
    }
    session.onConnectionClosed(reason);
    // end() lets the last status message reach the client; the timer cuts a peer that does not read.
    socket.end();
    vertx.setTimer(CLOSE_GRACE_MS, id -> socket.close());
  }

  private void onSocketClosed() {
    boolean wasClosing = closing;
    closing = true;
    if (!wasClosing) {
      LOG.debug("rtmp {}: peer closed the connection", remoteAddress);
    }
    session.onConnectionClosed("the publisher disconnected");
    metrics.connectionClosed();
    onClosed.run();
  }
}
