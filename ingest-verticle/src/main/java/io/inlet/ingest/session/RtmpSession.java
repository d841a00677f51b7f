package io.inlet.ingest.session;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.amf.Amf0Undefined;
import io.inlet.ingest.message.AcknowledgementWindow;
import io.inlet.ingest.message.Acknowledgement;
import io.inlet.ingest.message.AggregateMessage;
import io.inlet.ingest.message.CommandMessage;
import io.inlet.ingest.message.DataMessage;
import io.inlet.ingest.message.MediaMessage;
import io.inlet.ingest.message.RtmpMessage;
import io.inlet.ingest.message.SetChunkSize;
import io.inlet.ingest.message.SetPeerBandwidth;
import io.inlet.ingest.message.SharedObjectMessage;
import io.inlet.ingest.message.UserControlEvent;
import io.inlet.ingest.message.WindowAckSize;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP command state machine of one publishing connection: it answers connect, releaseStream,
 * FCPublish, createStream, publish and the rest as FMS does, keeps acknowledgements on time, and hands
 * the media of an accepted publish, demuxed, to its {@link PublishedStream}. It knows nothing of
 * sockets, chunks or bytes: parsed messages come in, replies go to a {@link SessionOutput}.
 */
public final class RtmpSession {

  private static final Logger LOG = LoggerFactory.getLogger(RtmpSession.class);

  private final Replies replies;
  private final PublishGate gate;
  private final SessionLimits limits;
  private final String remoteAddress;
  /** This JVM's monotonic clock in nanoseconds ({@code System::nanoTime}): never a wall clock. */
  private final LongSupplier clockNanos;
  private final AcknowledgementWindow ackWindow = new AcknowledgementWindow();

  private SessionState state = SessionState.AWAITING_CONNECT;
  private String app;
  /** The URL the client connected to ({@code connect}'s tcUrl), or null: passed to the auth check. */
  private String tcUrl;
  private int streamsCreated;
  private int publishStreamId;
  private PublishedStream stream;
  /** The accepted publish's demuxer: a fresh timeline and track choice per publish. */
  private StreamDemuxer demuxer;
  /**
   * Since when the session has been waiting for something, on the monotonic clock: its last media while
   * publishing, else when it entered its state (connected, publish asked, unpublished).
   */
  private long idleSinceNanos;

  public RtmpSession(SessionOutput out, PublishGate gate, SessionLimits limits, String remoteAddress, LongSupplier clockNanos) {
    this.replies = new Replies(out);
    this.gate = gate;
    this.limits = limits;
    this.remoteAddress = remoteAddress;
    this.clockNanos = clockNanos;
    this.idleSinceNanos = clockNanos.getAsLong();
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
      Acknowledgement ack = new Acknowledgement(ackWindow.sequenceNumber());
      replies.control(ack.typeId(), ack.encode());
    }
  }

  /**
   * One parsed message from the connection's message reader. Set Chunk Size and Abort were applied
   * there; Acknowledgement and Set Peer Bandwidth need no answer.
   */
  public void onMessage(RtmpMessage message) {
    if (state == SessionState.CLOSED) {
      return;
    }
    if (message instanceof MediaMessage media) {
      onMedia(media.messageStreamId(), media.payloadBytes(), List.of(media));
    } else if (message instanceof AggregateMessage aggregate) {
      onMedia(aggregate.messageStreamId(), aggregate.payloadBytes(), aggregate.parts());
    } else if (message instanceof CommandMessage command) {
      onCommand(command);
    } else if (message instanceof DataMessage data) {
      onData(data);
    } else if (message instanceof WindowAckSize window) {
      ackWindow.setWindow(window.size());
    } else if (message instanceof UserControlEvent event) {
      onUserControl(event);
    } else if (message instanceof SharedObjectMessage) {
      LOG.debug("rtmp {}: ignoring a shared-object message", remoteAddress);
    }
  }

  /**
   * Since when, on the monotonic clock, the session has waited: for media while publishing, else for
   * its next step (a publish, an answer to its publish) since it entered its state.
   */
  public long idleSinceNanos() {
    return idleSinceNanos;
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
    replies.command(StatusMessages.reconnectRequest(tcUrl, description));
  }

  /**
   * The connection is gone without an unpublish (closed, reset, timed out, a protocol error): the
   * publish, if any, is interrupted, and its stream waits for the publisher to resume it. Idempotent.
   */
  public void onConnectionClosed(String reason) {
    state = SessionState.CLOSED;
    if (stream != null) {
      PublishedStream interrupted = stream;
      stream = null;
      demuxer = null;
      interrupted.interrupt(reason);
    }
  }

  private void onUserControl(UserControlEvent event) {
    if (event.eventType() == UserControlEvent.PING_REQUEST) {
      replies.control(event.typeId(), UserControlEvent.pingResponse(event.value()).encode());
    }
  }

  private void onCommand(CommandMessage command) {
    switch (command.name()) {
      case "connect" -> connect(command);
      case "releaseStream", "FCPublish" -> acknowledgePublishIntent(command);
      case "createStream" -> createStream(command);
      case "publish" -> publish(command);
      case "FCUnpublish", "closeStream" -> endPublish("the publisher unpublished");
      case "deleteStream" -> deleteStream();
      case "play", "play2" -> refusePlay(command.messageStreamId());
      default -> ignoreOrError(command);
    }
  }

  private void connect(CommandMessage command) {
    if (state != SessionState.AWAITING_CONNECT) {
      throw ProtocolException.outOfOrder("connect sent twice on one connection");
    }
    Map<String, Object> properties = command.commandObject() instanceof Map<?, ?> m ? castMap(m) : Map.of();
    String requested = properties.get("app") instanceof String s ? stripQuery(s) : "";
    if (requested.endsWith("/")) {
      requested = requested.substring(0, requested.length() - 1);
    }
    if (!limits.applications().contains(requested)) {
      replies.command(StatusMessages.error(command.transactionId(), StatusMessages.CONNECT_REJECTED,
          "Unknown application '" + printable(requested) + "'."));
      close(SessionOutput.CloseKind.REFUSED, "connect to unknown application '" + printable(requested) + "'");
      return;
    }
    app = requested;
    tcUrl = properties.get("tcUrl") instanceof String url ? url : null;
    double objectEncoding = properties.get("objectEncoding") instanceof Double d ? d : 0.0;
    WindowAckSize window = new WindowAckSize(limits.windowAckSize());
    SetPeerBandwidth bandwidth = new SetPeerBandwidth(limits.windowAckSize(), SetPeerBandwidth.LIMIT_DYNAMIC);
    SetChunkSize chunkSize = new SetChunkSize(limits.outboundChunkSize());
    replies.control(window.typeId(), window.encode());
    replies.control(bandwidth.typeId(), bandwidth.encode());
    replies.control(chunkSize.typeId(), chunkSize.encode());
    replies.outboundChunkSize(chunkSize.size());
    replies.command(StatusMessages.connectResult(command.transactionId(), objectEncoding, properties.get("fourCcList")));
    state = SessionState.CONNECTED;
    idleSinceNanos = clockNanos.getAsLong();
  }

  private void acknowledgePublishIntent(CommandMessage command) {
    requireConnected(command.name());
    if ("FCPublish".equals(command.name())) {
      // The name here is the stream key: it is neither logged nor echoed.
      replies.command(StatusMessages.onFcPublish(StatusMessages.PUBLISH_START, "FCPublish received."));
    }
    if (command.transactionId() != 0) {
      replies.command(StatusMessages.result(command.transactionId(), null, Amf0Undefined.INSTANCE));
    }
  }

  private void createStream(CommandMessage command) {
    requireConnected("createStream");
    if (streamsCreated >= limits.maxMessageStreams()) {
      throw ProtocolException.limitExceeded("more than " + limits.maxMessageStreams() + " createStream calls on one connection");
    }
    streamsCreated++;
    replies.command(StatusMessages.result(command.transactionId(), null, (double) streamsCreated));
  }

  private void publish(CommandMessage command) {
    requireConnected("publish");
    int messageStreamId = command.messageStreamId();
    if (state != SessionState.CONNECTED) {
      replies.status(messageStreamId, "error", StatusMessages.PUBLISH_BAD_NAME, "This connection already publishes.");
      return;
    }
    if (messageStreamId < 1 || messageStreamId > streamsCreated) {
      throw ProtocolException.outOfOrder("publish on message stream " + messageStreamId + " that was never created");
    }
    String key = stripQuery(command.firstStringArgument() == null ? "" : command.firstStringArgument());
    publishStreamId = messageStreamId;
    state = SessionState.PUBLISH_PENDING;
    idleSinceNanos = clockNanos.getAsLong();
    gate.open(app, key, remoteAddress, tcUrl).onComplete(result -> {
      if (result.succeeded()) {
        onPublishAccepted(result.result());
      } else {
        onPublishRefused(result.cause());
      }
    });
  }

  private void onPublishAccepted(PublishedStream accepted) {
    if (state != SessionState.PUBLISH_PENDING) {
      // The client left while its publish was being decided: like any connection that ends without
      // an unpublish, it interrupts the stream (which may be a resumed one) rather than ending it.
      accepted.interrupt("the publisher left before its publish was accepted");
      return;
    }
    stream = accepted;
    demuxer = new StreamDemuxer(accepted::onPacket, line -> LOG.info("stream '{}': {}", accepted.name(), line));
    state = SessionState.PUBLISHING;
    idleSinceNanos = clockNanos.getAsLong();
    accepted.onEndedExternally(reason -> close(SessionOutput.CloseKind.ENDED_BY_SERVER, "stream '" + accepted.name() + "' " + reason));
    UserControlEvent begin = UserControlEvent.streamBegin(publishStreamId);
    replies.control(begin.typeId(), begin.encode());
    replies.status(publishStreamId, "status", StatusMessages.PUBLISH_START, accepted.name() + " is now published.");
    LOG.info("rtmp {}: publishing stream '{}'", remoteAddress, accepted.name());
  }

  private void onPublishRefused(Throwable cause) {
    if (state != SessionState.PUBLISH_PENDING) {
      return;
    }
    PublishRefusedException refusal = cause instanceof PublishRefusedException r
        ? r : PublishRefusedException.failed("The stream key could not be checked; try again later.");
    replies.status(publishStreamId, "error", refusal.statusCode(), refusal.getMessage());
    close(SessionOutput.CloseKind.REFUSED, "publish refused: " + refusal.getMessage());
  }

  private void deleteStream() {
    endPublish("the publisher deleted its stream");
    if (state == SessionState.PUBLISH_PENDING) {
      state = SessionState.CONNECTED;
      idleSinceNanos = clockNanos.getAsLong();
    }
  }

  private void refusePlay(int messageStreamId) {
    replies.status(messageStreamId, "error", StatusMessages.PLAY_FAILED, "Inlet is an ingest server: playback is not offered here.");
    close(SessionOutput.CloseKind.ENDED_BY_SERVER, "a client asked to play; Inlet only ingests");
  }

  /** Unknown commands, and the harmless ones publishers send (getStreamLength, _checkbw, receiveAudio...). */
  private void ignoreOrError(CommandMessage command) {
    if (command.transactionId() != 0) {
      replies.command(StatusMessages.error(command.transactionId(), StatusMessages.CALL_FAILED,
          "Unknown command '" + printable(command.name()) + "'."));
    }
  }

  private void onData(DataMessage data) {
    if (stream != null) {
      data.metadata().ifPresent(stream::onMetadata);
    }
  }

  /** An audio or video message, or the parts of an aggregate, counted once by the payload's size. */
  private void onMedia(int messageStreamId, int payloadBytes, List<MediaMessage> parts) {
    if (state != SessionState.PUBLISHING || messageStreamId != publishStreamId) {
      return; // media before the publish is accepted (or on another stream) has nowhere to go
    }
    long now = clockNanos.getAsLong(); // the message's last byte has just been read
    idleSinceNanos = now;
    stream.onMediaBytes(payloadBytes);
    for (MediaMessage part : parts) {
      demuxer.accept(part, now);
    }
  }

  private void endPublish(String reason) {
    if (stream != null) {
      PublishedStream ended = stream;
      stream = null;
      demuxer = null;
      ended.end(reason);
      if (state == SessionState.PUBLISHING) {
        replies.status(publishStreamId, "status", StatusMessages.UNPUBLISH_SUCCESS, ended.name() + " is now unpublished.");
        state = SessionState.CONNECTED;
        idleSinceNanos = clockNanos.getAsLong();
      }
    }
  }

  private void requireConnected(String what) {
    if (state == SessionState.AWAITING_CONNECT) {
      throw ProtocolException.outOfOrder(printable(what) + " before connect");
    }
  }

  private void close(SessionOutput.CloseKind kind, String reason) {
    endPublish(reason);
    state = SessionState.CLOSED;
    replies.close(kind, reason);
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
