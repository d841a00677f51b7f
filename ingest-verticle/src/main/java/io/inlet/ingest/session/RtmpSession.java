package io.inlet.ingest.session;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.amf.Amf0Undefined;
import io.inlet.ingest.chunk.RawMessage;
import io.inlet.ingest.message.AcknowledgementWindow;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.message.ProtocolControl;
import io.inlet.ingest.message.UserControlEvent;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP command state machine of one publishing connection: it answers connect, releaseStream,
 * FCPublish, createStream, publish and the rest as FMS does, keeps acknowledgements on time, and hands
 * media messages of an accepted publish to its {@link PublishedStream}. It knows nothing of sockets
 * or Vert.x: messages come in, replies go to a {@link SessionOutput}.
 */
public final class RtmpSession {

  private static final Logger LOG = LoggerFactory.getLogger(RtmpSession.class);
  private static final int CONTROL_CSID = 2;
  private static final int COMMAND_CSID = 3;
  private static final int STATUS_CSID = 5;

  private final SessionOutput out;
  private final PublishGate gate;
  private final SessionLimits limits;
  private final String remoteAddress;
  private final LongSupplier clockMicros;
  private final Amf0Decoder amf = new Amf0Decoder();
  private final AcknowledgementWindow ackWindow = new AcknowledgementWindow();

  private SessionState state = SessionState.AWAITING_CONNECT;
  private String app;
  private int streamsCreated;
  private int publishStreamId;
  private PublishedStream stream;
  private long lastMediaAtMillis;

  public RtmpSession(SessionOutput out, PublishGate gate, SessionLimits limits, String remoteAddress, LongSupplier clockMicros) {
    this.out = out;
    this.gate = gate;
    this.limits = limits;
    this.remoteAddress = remoteAddress;
    this.clockMicros = clockMicros;
    // Until the client announces its own window, acknowledge with the one we announce: some encoders
    // stall when a server never acknowledges, and acknowledging costs 16 bytes per window.
    ackWindow.setWindow(limits.windowAckSize());
  }

  public SessionState state() {
    return state;
  }

  /** The live publish, or null. */
  public PublishedStream stream() {
    return stream;
  }

  /** Counts bytes read from the socket and sends an Acknowledgement when the window is full. */
  public void onBytesReceived(int count) {
    if (ackWindow.onBytesReceived(count)) {
      out.send(CONTROL_CSID, MessageType.ACKNOWLEDGEMENT, 0, 0, ProtocolControl.acknowledgement(ackWindow.sequenceNumber()));
    }
  }

  /** One reassembled message from the chunk reader. */
  public void onMessage(RawMessage message) {
    if (state == SessionState.CLOSED) {
      return;
    }
    ByteBuf payload = message.payload();
    switch (message.typeId()) {
      case MessageType.SET_CHUNK_SIZE, MessageType.ABORT, MessageType.ACKNOWLEDGEMENT, MessageType.SET_PEER_BANDWIDTH -> {
        // Chunk size and abort are applied by the chunk reader; the others need no answer.
      }
      case MessageType.WINDOW_ACK_SIZE -> ackWindow.setWindow(ProtocolControl.parseWindowAckSize(payload));
      case MessageType.USER_CONTROL -> onUserControl(UserControlEvent.parse(payload));
      case MessageType.COMMAND_AMF0 -> onCommand(message, amf.decodeAll(payload));
      case MessageType.COMMAND_AMF3 -> onCommand(message, amf.decodeAll(skipAmf3Prefix(payload)));
      case MessageType.DATA_AMF0 -> onData(message, amf.decodeAll(payload));
      case MessageType.DATA_AMF3 -> onData(message, amf.decodeAll(skipAmf3Prefix(payload)));
      case MessageType.AUDIO, MessageType.VIDEO, MessageType.AGGREGATE -> onMedia(message);
      case MessageType.SHARED_OBJECT_AMF0, MessageType.SHARED_OBJECT_AMF3 ->
          LOG.debug("rtmp {}: ignoring a shared-object message", remoteAddress);
      default -> throw new ProtocolException("unknown RTMP message type " + message.typeId());
    }
  }

  /** Millisecond wall time of the last media message, or of the session's start. */
  public long lastMediaAtMillis() {
    return lastMediaAtMillis;
  }

  /**
   * Enhanced RTMP v2's reconnect request: asks the client to reconnect (to {@code tcUrl}, or to the
   * URL it used when null) at its next keyframe. Sent when the node drains; the old connection goes on
   * until the client leaves or the grace period ends.
   */
  public void requestReconnect(String tcUrl, String description) {
    if (state == SessionState.AWAITING_CONNECT || state == SessionState.CLOSED) {
      return;
    }
    out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0, StatusMessages.reconnectRequest(tcUrl, description));
  }

  /** The connection is gone: end the publish, if any. Idempotent. */
  public void onConnectionClosed(String reason) {
    state = SessionState.CLOSED;
    endPublish(reason);
  }

  private static ByteBuf skipAmf3Prefix(ByteBuf payload) {
    // AMF3 command and data messages start with one format byte (0) and then carry AMF0 values;
    // the values may switch to AMF3 with the avmplus marker, which the AMF0 decoder understands.
    if (payload.isReadable()) {
      payload.skipBytes(1);
    }
    return payload;
  }

  private void onUserControl(UserControlEvent event) {
    if (event.eventType() == UserControlEvent.PING_REQUEST) {
      out.send(CONTROL_CSID, MessageType.USER_CONTROL, 0, 0, UserControlEvent.pingResponse(event.value()).encode());
    }
  }

  private void onCommand(RawMessage message, List<Object> values) {
    Command command = Command.of(values);
    switch (command.name()) {
      case "connect" -> connect(command);
      case "releaseStream", "FCPublish" -> acknowledgePublishIntent(command);
      case "createStream" -> createStream(command);
      case "publish" -> publish(command, message.messageStreamId());
      case "FCUnpublish", "closeStream" -> endPublish("the publisher unpublished");
      case "deleteStream" -> deleteStream(command);
      case "play", "play2" -> refusePlay(command, message.messageStreamId());
      case "getStreamLength", "_checkbw", "receiveAudio", "receiveVideo" -> ignoreOrError(command);
      default -> ignoreOrError(command);
    }
  }

  private void connect(Command command) {
    if (state != SessionState.AWAITING_CONNECT) {
      throw new ProtocolException("connect sent twice on one connection");
    }
    Map<String, Object> properties = command.commandObject() instanceof Map<?, ?> m ? castMap(m) : Map.of();
    String requested = properties.get("app") instanceof String s ? stripQuery(s) : "";
    if (requested.endsWith("/")) {
      requested = requested.substring(0, requested.length() - 1);
    }
    if (!limits.applications().contains(requested)) {
      out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0,
          StatusMessages.error(command.transactionId(), StatusMessages.CONNECT_REJECTED, "Unknown application '" + printable(requested) + "'."));
      close(SessionOutput.CloseKind.REFUSED, "connect to unknown application '" + printable(requested) + "'");
      return;
    }
    app = requested;
    double objectEncoding = properties.get("objectEncoding") instanceof Double d ? d : 0.0;
    out.send(CONTROL_CSID, MessageType.WINDOW_ACK_SIZE, 0, 0, ProtocolControl.windowAckSize(limits.windowAckSize()));
    out.send(CONTROL_CSID, MessageType.SET_PEER_BANDWIDTH, 0, 0, ProtocolControl.setPeerBandwidth(limits.windowAckSize(), 2));
    out.send(CONTROL_CSID, MessageType.SET_CHUNK_SIZE, 0, 0, ProtocolControl.setChunkSize(limits.outboundChunkSize()));
    out.outboundChunkSize(limits.outboundChunkSize());
    out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0,
        StatusMessages.connectResult(command.transactionId(), objectEncoding, properties.get("fourCcList")));
    state = SessionState.CONNECTED;
  }

  private void acknowledgePublishIntent(Command command) {
    requireConnected(command.name());
    if ("FCPublish".equals(command.name())) {
      // The name here is the stream key: it is neither logged nor echoed.
      out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0, StatusMessages.onFcPublish(StatusMessages.PUBLISH_START, "FCPublish received."));
    }
    if (command.transactionId() != 0) {
      out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0, StatusMessages.result(command.transactionId(), null, Amf0Undefined.INSTANCE));
    }
  }

  private void createStream(Command command) {
    requireConnected("createStream");
    if (streamsCreated >= limits.maxMessageStreams()) {
      throw new ProtocolException("more than " + limits.maxMessageStreams() + " createStream calls on one connection");
    }
    streamsCreated++;
    out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0, StatusMessages.result(command.transactionId(), null, (double) streamsCreated));
  }

  private void publish(Command command, int messageStreamId) {
    requireConnected("publish");
    if (state != SessionState.CONNECTED) {
      sendStatus(messageStreamId, "error", StatusMessages.PUBLISH_BAD_NAME, "This connection already publishes.");
      return;
    }
    if (messageStreamId < 1 || messageStreamId > streamsCreated) {
      throw new ProtocolException("publish on message stream " + messageStreamId + " that was never created");
    }
    String key = stripQuery(command.firstStringArgument() == null ? "" : command.firstStringArgument());
    publishStreamId = messageStreamId;
    state = SessionState.PUBLISH_PENDING;
    gate.open(app, key, remoteAddress).onComplete(result -> {
      if (result.succeeded()) {
        onPublishAccepted(result.result());
      } else {
        onPublishRefused(result.cause());
      }
    });
  }

  private void onPublishAccepted(PublishedStream accepted) {
    if (state != SessionState.PUBLISH_PENDING) {
      // The client left while its key was being checked.
      accepted.close("the publisher left before its publish was accepted");
      return;
    }
    stream = accepted;
    state = SessionState.PUBLISHING;
    lastMediaAtMillis = clockMicros.getAsLong() / 1000;
    accepted.onEndedExternally(() -> close(SessionOutput.CloseKind.ENDED_BY_SERVER, "stream '" + accepted.name() + "' was ended by the server"));
    out.send(CONTROL_CSID, MessageType.USER_CONTROL, 0, 0, UserControlEvent.streamBegin(publishStreamId).encode());
    sendStatus(publishStreamId, "status", StatusMessages.PUBLISH_START, accepted.name() + " is now published.");
    LOG.info("rtmp {}: publishing stream '{}'", remoteAddress, accepted.name());
  }

  private void onPublishRefused(Throwable cause) {
    if (state != SessionState.PUBLISH_PENDING) {
      return;
    }
    PublishRefusedException refusal = cause instanceof PublishRefusedException r
        ? r : PublishRefusedException.failed("The stream key could not be checked; try again later.");
    sendStatus(publishStreamId, "error", refusal.statusCode(), refusal.getMessage());
    close(SessionOutput.CloseKind.REFUSED, "publish refused: " + refusal.getMessage());
  }

  private void deleteStream(Command command) {
    endPublish("the publisher deleted its stream");
    if (state == SessionState.PUBLISH_PENDING) {
      state = SessionState.CONNECTED;
    }
  }

  private void refusePlay(Command command, int messageStreamId) {
    sendStatus(messageStreamId, "error", StatusMessages.PLAY_FAILED, "Inlet is an ingest server: playback is not offered here.");
    close(SessionOutput.CloseKind.ENDED_BY_SERVER, "a client asked to play; Inlet only ingests");
  }

  private void ignoreOrError(Command command) {
    if (command.transactionId() != 0) {
      out.send(COMMAND_CSID, MessageType.COMMAND_AMF0, 0, 0,
          StatusMessages.error(command.transactionId(), StatusMessages.CALL_FAILED, "Unknown command '" + printable(command.name()) + "'."));
    }
  }

  private void onData(RawMessage message, List<Object> values) {
    if (stream == null || values.isEmpty()) {
      return;
    }
    int at = "@setDataFrame".equals(values.get(0)) ? 1 : 0;
    if (values.size() > at + 1 && "onMetaData".equals(values.get(at)) && values.get(at + 1) instanceof Map<?, ?> metadata) {
      stream.onMetadata(castMap(metadata));
    }
  }

  private void onMedia(RawMessage message) {
    if (state != SessionState.PUBLISHING || message.messageStreamId() != publishStreamId) {
      return; // media before the publish is accepted (or on another stream) has nowhere to go
    }
    long now = clockMicros.getAsLong();
    lastMediaAtMillis = now / 1000;
    switch (message.typeId()) {
      case MessageType.AUDIO -> stream.onAudio(message.timestamp(), message.payload(), now);
      case MessageType.VIDEO -> stream.onVideo(message.timestamp(), message.payload(), now);
      default -> stream.onAggregate(message.timestamp(), message.payload(), now);
    }
  }

  private void endPublish(String reason) {
    if (stream != null) {
      PublishedStream ended = stream;
      stream = null;
      ended.close(reason);
      if (state == SessionState.PUBLISHING) {
        sendStatus(publishStreamId, "status", StatusMessages.UNPUBLISH_SUCCESS, ended.name() + " is now unpublished.");
        state = SessionState.CONNECTED;
      }
    }
  }

  private void sendStatus(int messageStreamId, String level, String code, String description) {
    out.send(STATUS_CSID, MessageType.COMMAND_AMF0, 0, messageStreamId, StatusMessages.onStatus(level, code, description));
  }

  private void requireConnected(String what) {
    if (state == SessionState.AWAITING_CONNECT) {
      throw new ProtocolException(printable(what) + " before connect");
    }
  }

  private void close(SessionOutput.CloseKind kind, String reason) {
    endPublish(reason);
    state = SessionState.CLOSED;
    out.close(kind, reason);
  }

  private static String stripQuery(String name) {
    int query = name.indexOf('?');
    return query < 0 ? name : name.substring(0, query);
  }

  private static String printable(String text) {
    String shortened = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return shortened.replaceAll("[^\\x20-\\x7E]", "?");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
