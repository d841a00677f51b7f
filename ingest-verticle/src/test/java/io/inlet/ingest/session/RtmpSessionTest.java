package io.inlet.ingest.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.amf.Amf0Decoder;
import io.inlet.ingest.amf.Amf0Encoder;
import io.inlet.ingest.amf.Amf0Object;
import io.inlet.ingest.chunk.RawMessage;
import io.inlet.ingest.message.MessageReader;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.message.RtmpMessage;
import io.inlet.ingest.message.UserControlEvent;
import io.inlet.ingest.message.WindowAckSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtmpSessionTest {

  /** What the session sent, decoded. */
  record Sent(int csid, int typeId, int msid, ByteBuf payload) {
    List<Object> amf() {
      return new Amf0Decoder().decodeAll(payload.duplicate());
    }

    String statusCode() {
      return ((Map<?, ?>) amf().get(3)).get("code").toString();
    }
  }

  static final class RecordingOutput implements SessionOutput {
    final List<Sent> sent = new ArrayList<>();
    int chunkSize = 128;
    String closedReason;
    CloseKind closedKind;

    @Override
    public void send(int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload) {
      sent.add(new Sent(chunkStreamId, typeId, messageStreamId, payload));
    }

    @Override
    public void outboundChunkSize(int size) {
      chunkSize = size;
    }

    @Override
    public void close(CloseKind kind, String reason) {
      closedKind = kind;
      closedReason = reason;
    }

    List<Sent> commands() {
      return sent.stream().filter(s -> s.typeId() == MessageType.COMMAND_AMF0).toList();
    }

    Sent lastCommand() {
      List<Sent> commands = commands();
      return commands.get(commands.size() - 1);
    }
  }

  static final class FakeStream implements PublishedStream {
    final List<String> calls = new ArrayList<>();
    java.util.function.Consumer<String> endedExternally;

    @Override public String name() { return "cam1"; }
    @Override public void onMediaBytes(int payloadBytes) { calls.add("bytes:" + payloadBytes); }
    @Override public void onPacket(DemuxedPacket p) {
      calls.add(p.tag().track().name().toLowerCase() + " " + p.kind().name().toLowerCase() + "@" + p.dts());
    }
    @Override public void onMetadata(Map<String, Object> metadata) { calls.add("metadata:" + metadata.get("width")); }
    @Override public void end(String reason) { calls.add("end"); }
    @Override public void interrupt(String reason) { calls.add("interrupt"); }
    @Override public void onEndedExternally(java.util.function.Consumer<String> action) { endedExternally = action; }
  }

  private final RecordingOutput out = new RecordingOutput();
  private final FakeStream stream = new FakeStream();
  private Promise<PublishedStream> pendingPublish = Promise.promise();
  private final List<String> gateCalls = new ArrayList<>();
  private final PublishGate gate = (app, key, remote, tcUrl) -> {
    gateCalls.add(app + "/" + key);
    return pendingPublish.future();
  };
  private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000L);
  private final RtmpSession session = new RtmpSession(out, gate, SessionLimits.DEFAULTS, "127.0.0.1:5000", clock::get);

  /** A message as the message reader parses it from these bytes. */
  private static RtmpMessage parsed(int csid, int typeId, long timestamp, int msid, ByteBuf payload) {
    return MessageReader.parse(new RawMessage(csid, typeId, timestamp, msid, payload));
  }

  private static RtmpMessage command(int msid, Object... values) {
    return parsed(3, MessageType.COMMAND_AMF0, 0, msid, Amf0Encoder.encodeAll(values));
  }

  private static RtmpMessage video(long timestamp, int... bytes) {
    return parsed(6, MessageType.VIDEO, timestamp, 1, payload(bytes));
  }

  private static RtmpMessage audio(long timestamp, int... bytes) {
    return parsed(4, MessageType.AUDIO, timestamp, 1, payload(bytes));
  }

  private static ByteBuf payload(int... bytes) {
    ByteBuf payload = Unpooled.buffer(bytes.length);
    for (int b : bytes) {
      payload.writeByte(b);
    }
    return payload;
  }

  private void connect(String app) {
    session.onMessage(command(0, "connect", 1.0, new Amf0Object()
        .with("app", app).with("type", "nonprivate").with("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)")
        .with("tcUrl", "rtmp://localhost:1935/" + app)));
  }

  private void publish(String key) {
    connect("live");
    session.onMessage(command(0, "releaseStream", 2.0, null, key));
    session.onMessage(command(0, "FCPublish", 3.0, null, key));
    session.onMessage(command(0, "createStream", 4.0, null));
    session.onMessage(command(1, "publish", 5.0, null, key, "live"));
  }

  @Test
  void connectAnswersWithWindowBandwidthChunkSizeAndSuccess() {
    connect("live");
    assertThat(out.sent).extracting(Sent::typeId).containsExactly(
        MessageType.WINDOW_ACK_SIZE, MessageType.SET_PEER_BANDWIDTH, MessageType.SET_CHUNK_SIZE, MessageType.COMMAND_AMF0);
    List<Object> result = out.lastCommand().amf();
    assertThat(result.get(0)).isEqualTo("_result");
    assertThat(result.get(1)).isEqualTo(1.0);
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetConnection.Connect.Success");
    assertThat(out.chunkSize).isEqualTo(SessionLimits.DEFAULTS.outboundChunkSize());
    assertThat(session.state()).isEqualTo(SessionState.CONNECTED);
  }

  @Test
  void connectToAnUnknownApplicationIsRejectedAndClosed() {
    connect("vod");
    assertThat(out.lastCommand().amf().get(0)).isEqualTo("_error");
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetConnection.Connect.Rejected");
    assertThat(out.closedKind).isEqualTo(SessionOutput.CloseKind.REFUSED);
  }

  @Test
  void applicationNameMayCarryAQueryOrTrailingSlash() {
    connect("live/?token=x");
    assertThat(session.state()).isEqualTo(SessionState.CONNECTED);
  }

  @Test
  void acceptedPublishSendsStreamBeginAndPublishStartThenForwardsMedia() {
    publish("secret?obs=1");
    assertThat(gateCalls).containsExactly("live/secret");
    assertThat(session.state()).isEqualTo(SessionState.PUBLISH_PENDING);
    pendingPublish.complete(stream);

    assertThat(session.state()).isEqualTo(SessionState.PUBLISHING);
    Sent streamBegin = out.sent.get(out.sent.size() - 2);
    assertThat(streamBegin.typeId()).isEqualTo(MessageType.USER_CONTROL);
    UserControlEvent begin = UserControlEvent.parse(streamBegin.payload().duplicate());
    assertThat(begin.eventType()).isEqualTo(UserControlEvent.STREAM_BEGIN);
    assertThat(begin.value()).isEqualTo(1);
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetStream.Publish.Start");
    assertThat(out.lastCommand().msid()).isEqualTo(1);

    session.onMessage(video(40, 0x17, 1, 0, 0, 0));
    session.onMessage(audio(41, 0xAF, 1));
    session.onMessage(parsed(4, MessageType.DATA_AMF0, 0, 1,
        Amf0Encoder.encodeAll("@setDataFrame", "onMetaData", new io.inlet.ingest.amf.Amf0EcmaArray().with("width", 1280.0))));
    assertThat(stream.calls).containsExactly(
        "bytes:5", "video frame@40", "bytes:2", "audio frame@41", "metadata:1280.0");
  }

  @Test
  void anAggregateCountsItsBytesOnceAndDeliversEveryPart() {
    publish("key");
    pendingPublish.complete(stream);
    // A video sub-tag at 100 and an audio one at 110 (sub-tag clock), in an aggregate at 1000.
    ByteBuf aggregate = payload(
        0x09, 0, 0, 5, 0, 0, 100, 0, 0, 0, 0, 0x17, 1, 0, 0, 0, 0, 0, 0, 16,
        0x08, 0, 0, 2, 0, 0, 110, 0, 0, 0, 0, 0xAF, 1, 0, 0, 0, 13);

    session.onMessage(parsed(4, MessageType.AGGREGATE, 1000, 1, aggregate));

    assertThat(stream.calls).containsExactly("bytes:37", "video frame@1000", "audio frame@1010");
  }

  @Test
  void everyPublishStartsItsOwnTimeline() {
    publish("key");
    pendingPublish.complete(stream);
    session.onMessage(video(0xFFFF_FFF0L, 0x17, 1, 0, 0, 0));
    session.onMessage(video(0x10, 0x27, 1, 0, 0, 0));
    session.onMessage(command(0, "FCUnpublish", 6.0, null, "key"));
    pendingPublish = Promise.promise();
    session.onMessage(command(1, "publish", 7.0, null, "key", "live"));
    FakeStream second = new FakeStream();
    pendingPublish.complete(second);

    session.onMessage(video(0x20, 0x17, 1, 0, 0, 0));

    assertThat(stream.calls).containsExactly(
        "bytes:5", "video frame@4294967280", "bytes:5", "video frame@4294967312", "end");
    assertThat(second.calls).containsExactly("bytes:5", "video frame@32");
  }

  @Test
  void fcPublishAndReleaseStreamNeverEchoTheKey() {
    publish("the-secret-key");
    for (Sent sent : out.commands()) {
      assertThat(sent.amf().toString()).doesNotContain("the-secret-key");
    }
  }

  @Test
  void refusedPublishGetsBadNameAndTheConnectionCloses() {
    publish("wrong");
    pendingPublish.fail(PublishRefusedException.badName("Unknown or revoked stream key."));
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetStream.Publish.BadName");
    assertThat(out.lastCommand().amf().get(0)).isEqualTo("onStatus");
    assertThat(out.closedKind).isEqualTo(SessionOutput.CloseKind.REFUSED);
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
  }

  @Test
  void authFailureOfAnyOtherKindFailsClosed() {
    publish("key");
    pendingPublish.fail(new RuntimeException("timeout"));
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetStream.Publish.Failed");
    assertThat(out.closedReason).contains("could not be checked");
  }

  @Test
  void publisherLeavingWhileItsPublishIsDecidedInterruptsTheAcceptedStream() {
    publish("key");
    session.onConnectionClosed("gone");
    pendingPublish.complete(stream);
    assertThat(stream.calls).containsExactly("interrupt");
  }

  @Test
  void aConnectionThatEndsWithoutAnUnpublishInterruptsThePublishInsteadOfEndingIt() {
    publish("key");
    pendingPublish.complete(stream);
    session.onMessage(video(0, 0x17, 1, 0, 0, 0));
    session.onConnectionClosed("the publisher disconnected");
    session.onConnectionClosed("the publisher disconnected");
    assertThat(stream.calls).containsExactly("bytes:5", "video frame@0", "interrupt");
  }

  @Test
  void theIdleClockRestartsWhenThePublishIsAskedWithEveryMediaMessageAndAtTheUnpublish() {
    clock.set(2_000_000L);
    publish("key");
    assertThat(session.state()).isEqualTo(SessionState.PUBLISH_PENDING);
    assertThat(session.idleSinceNanos()).isEqualTo(2_000_000L);
    clock.set(3_000_000L);
    pendingPublish.complete(stream);
    assertThat(session.idleSinceNanos()).isEqualTo(3_000_000L);
    clock.set(4_000_000L);
    session.onMessage(video(0, 0x17, 1, 0, 0, 0));
    assertThat(session.idleSinceNanos()).isEqualTo(4_000_000L);
    clock.set(9_000_000L);
    session.onMessage(command(0, "FCUnpublish", 6.0, null, "key"));
    assertThat(session.state()).isEqualTo(SessionState.CONNECTED);
    assertThat(session.idleSinceNanos()).isEqualTo(9_000_000L);
  }

  @Test
  void mediaBeforePublishIsDropped() {
    connect("live");
    session.onMessage(video(0, 0x17, 1, 0, 0, 0));
    assertThat(stream.calls).isEmpty();
  }

  @Test
  void deleteStreamEndsThePublishAndSaysUnpublished() {
    publish("key");
    pendingPublish.complete(stream);
    session.onMessage(command(0, "FCUnpublish", 6.0, null, "key"));
    session.onMessage(command(0, "deleteStream", 7.0, null, 1.0));
    assertThat(stream.calls).containsExactly("end");
    assertThat(out.commands()).filteredOn(sent -> "onStatus".equals(sent.amf().get(0)))
        .extracting(Sent::statusCode).contains("NetStream.Unpublish.Success");
    assertThat(session.state()).isEqualTo(SessionState.CONNECTED);
  }

  @Test
  void serverSideEndDisconnectsThePublisher() {
    publish("key");
    pendingPublish.complete(stream);
    stream.endedExternally.accept("was ended by the server: its key was revoked");
    assertThat(out.closedKind).isEqualTo(SessionOutput.CloseKind.ENDED_BY_SERVER);
    assertThat(out.closedReason).isEqualTo("stream 'cam1' was ended by the server: its key was revoked");
    assertThat(stream.calls).containsExactly("end");
  }

  @Test
  void unknownCommandWithTransactionGetsErrorAndTheSessionGoesOn() {
    connect("live");
    session.onMessage(command(0, "fancyCommand", 9.0, null));
    assertThat(out.lastCommand().amf().get(0)).isEqualTo("_error");
    assertThat(out.lastCommand().amf().get(1)).isEqualTo(9.0);
    assertThat(out.closedReason).isNull();
    session.onMessage(command(0, "fireAndForget", 0.0, null));
    assertThat(out.commands()).hasSize(2);
  }

  @Test
  void playIsRefusedPolitely() {
    connect("live");
    session.onMessage(command(0, "createStream", 2.0, null));
    session.onMessage(command(1, "play", 3.0, null, "cam1"));
    assertThat(out.lastCommand().statusCode()).isEqualTo("NetStream.Play.Failed");
    assertThat(out.closedKind).isEqualTo(SessionOutput.CloseKind.ENDED_BY_SERVER);
  }

  @Test
  void publishWithoutConnectIsAProtocolError() {
    assertThatThrownBy(() -> session.onMessage(command(1, "publish", 5.0, null, "key", "live")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("before connect")
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.OUT_OF_ORDER);
  }

  @Test
  void publishOnAStreamNeverCreatedIsAProtocolError() {
    connect("live");
    assertThatThrownBy(() -> session.onMessage(command(7, "publish", 5.0, null, "key", "live")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("never created");
  }

  @Test
  void connectTwiceIsOutOfOrder() {
    connect("live");
    assertThatThrownBy(() -> connect("live"))
        .isInstanceOf(ProtocolException.class).hasMessage("connect sent twice on one connection")
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.OUT_OF_ORDER);
  }

  @Test
  void pingRequestIsAnsweredWithPingResponse() {
    connect("live");
    out.sent.clear();
    session.onMessage(parsed(2, MessageType.USER_CONTROL, 0, 0, new UserControlEvent(UserControlEvent.PING_REQUEST, 1234, 0).encode()));
    UserControlEvent response = UserControlEvent.parse(out.sent.get(0).payload().duplicate());
    assertThat(response.eventType()).isEqualTo(UserControlEvent.PING_RESPONSE);
    assertThat(response.value()).isEqualTo(1234);
  }

  @Test
  void acknowledgementsFollowThePeersWindow() {
    session.onMessage(new WindowAckSize(1000));
    session.onBytesReceived(999);
    assertThat(out.sent).isEmpty();
    session.onBytesReceived(1);
    assertThat(out.sent).singleElement().extracting(Sent::typeId).isEqualTo(MessageType.ACKNOWLEDGEMENT);
    assertThat(out.sent.get(0).payload().getInt(0)).isEqualTo(1000);
  }

  @Test
  void createStreamIsLimited() {
    connect("live");
    for (int i = 0; i < SessionLimits.DEFAULTS.maxMessageStreams(); i++) {
      session.onMessage(command(0, "createStream", 2.0 + i, null));
    }
    assertThatThrownBy(() -> session.onMessage(command(0, "createStream", 99.0, null)))
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).kind()).isEqualTo(ProtocolException.Kind.LIMIT_EXCEEDED);
  }

}
