package io.inlet.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every record of the bus contract: its JSON form for the public addresses, its codec for the rest. */
class MessagesTest {

  private static final Instant AT = Instant.parse("2026-11-24T15:00:00.123456789Z");
  private static final IngestedStream STREAM = new IngestedStream("id-1", "cam1", "live", IngestedStream.INTERRUPTED, 2,
      AT.plusSeconds(9), "ingest-a", "127.0.0.1:50312", "decode-b", AT, new IngestedStream.Video("h264", 1280, 720, 29.97), new IngestedStream.Audio("aac", 48000.0, 2),
      new IngestedStream.Counters(1_000, 800, 30, 47, 3));
  private static final StreamDecodeReport DECODED = new StreamDecodeReport("cam1", "decode-b", 77,
      new StreamDecodeReport.Video(MediaCodec.HEVC, 1280, 720, 30.0, true),
      new StreamDecodeReport.Audio(MediaCodec.OPUS, 48_000, 2, false),
      new StreamDecodeReport.Counters(30, 29, 47, 46, 1, 12.5, 40.25, -3));

  @Test
  void everyRegisteredRecordCrossesTheWireUnchanged() {
    Map<Class<?>, Object> samples = Map.ofEntries(
        Map.entry(MediaPacket.class, new MediaPacket("cam1", 1, TrackKind.VIDEO, MediaCodec.H264, PacketKind.END, false, 0, 0,
            System.nanoTime(), Buffer.buffer())),
        Map.entry(PacketBatch.class, new PacketBatch("cam1", -1, List.of())),
        Map.entry(IngestStats.class, new IngestStats("ingest-a", List.of(STREAM, IngestedStream.named("bare")))),
        Map.entry(DecoderReport.class, new DecoderReport("decode-b", "d-1", Addresses.decoderAssign("d-1"), 8,
            List.of(DECODED, new StreamDecodeReport("quiet", "decode-b", -1, null, null,
                new StreamDecodeReport.Counters(0, 0, 0, 0, 0, 0, 0, 0))))),
        Map.entry(AssignRequest.class, new AssignRequest("cam1", "id-1", 2)),
        Map.entry(Assignment.class, new Assignment("decode-b", "d-1", Addresses.decoderPackets("d-1"), 7)),
        Map.entry(ReleaseStream.class, new ReleaseStream("cam1")),
        Map.entry(EndStream.class, new EndStream("cam1")),
        Map.entry(HandOverRequest.class, new HandOverRequest("cam1", "id-1", 2, "10.0.0.2:5701")),
        Map.entry(HandedOver.class, new HandedOver("id-1", "live", AT, 2, 5, 123_456, 2_400, "d-1", "decode-b",
            new IngestedStream.Counters(1_000, 800, 30, 47, 3))),
        Map.entry(SnapshotRequest.class, new SnapshotRequest("cam1")),
        Map.entry(RevokedKey.class, new RevokedKey("cam1")),
        Map.entry(KeyStateChange.class, new KeyStateChange(new JsonObject().put("name", "cam1").put("hash", "ab"))),
        Map.entry(KeyUses.class, new KeyUses("replica-1", Map.of("cam1", AT, "cam2", AT.plusSeconds(1)))),
        Map.entry(LinkProbe.class, new LinkProbe(123_456_789L)),
        Map.entry(WebhookProgress.class, new WebhookProgress("id-1", "https://backend.example/hooks", "ingest-a", 7, true)));
    assertThat(BusCodecs.all()).hasSize(samples.size());
    for (BusCodecs.Registration<?> registration : BusCodecs.all()) {
      Object sample = samples.get(registration.type());
      assertThat(sample).as(registration.type().getSimpleName()).isNotNull();
      Object decoded = roundTrip(registration.codec(), sample);
      if (sample instanceof MediaPacket packet) {
        // Its arrival crosses as an age on the running clock: back within the encode-to-decode time
        // (CodecsTest checks it exactly on fixed clocks).
        assertThat(decoded).usingRecursiveComparison().ignoringFields("receivedAtNanos").isEqualTo(sample);
        assertThat(((MediaPacket) decoded).receivedAtNanos() - packet.receivedAtNanos()).isBetween(0L, 5_000_000_000L);
      } else {
        assertThat(decoded).as(registration.type().getSimpleName()).isEqualTo(sample);
      }
      assertThat(transform(registration.codec(), sample)).isSameAs(sample);
    }
    assertThat(BusCodecs.all().stream().map(r -> r.codec().name()).distinct()).hasSize(samples.size());
  }

  @Test
  void theBinaryReportsRefuseTruncatedInputAtEveryLength() {
    assertRefusedWhenCut(new IngestStatsCodec(), new IngestStats("ingest-a", List.of(STREAM)), "ingest stats: ");
    assertRefusedWhenCut(new DecoderReportCodec(), new DecoderReport("decode-b", "d-1", "a", 8, List.of(DECODED)),
        "decoder report: ");
    assertRefusedWhenCut(new JsonCodec<>("inlet.assignment", Assignment::toJson, Assignment::fromJson),
        new Assignment("n", "d", "a", 3), "inlet.assignment: ");
  }

  @Test
  void theBinaryReportsRefuseCountsTheBytesCannotHold() {
    Buffer wire = Buffer.buffer();
    new DecoderReportCodec().encodeToWire(wire, new DecoderReport("n", "d", "a", 8, List.of()));
    wire.setInt(wire.length() - 4, 5);
    assertThatThrownBy(() -> new DecoderReportCodec().decodeFromWire(0, wire))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("5 streams cannot fit");
    Buffer stats = Buffer.buffer();
    new IngestStatsCodec().encodeToWire(stats, new IngestStats("n", List.of()));
    stats.setInt(stats.length() - 4, IngestStatsCodec.MAX_STREAMS + 1);
    assertThatThrownBy(() -> new IngestStatsCodec().decodeFromWire(0, stats))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("streams count 100001 is outside");
  }

  @Test
  void aDecoderReportWithAnUnknownCodecIdIsRefused() {
    DecoderReport report = new DecoderReport("n", "d", "a", 8, List.of(DECODED));
    Buffer wire = Buffer.buffer();
    new DecoderReportCodec().encodeToWire(wire, report);
    int codecAt = 1 + 3 + 3 + 3 + 4 + 4 + 6 + 10 + 8 + 1;
    assertThat(wire.getUnsignedByte(codecAt)).isEqualTo((short) MediaCodec.HEVC.wireId());
    wire.setByte(codecAt, (byte) 250);
    assertThatThrownBy(() -> new DecoderReportCodec().decodeFromWire(0, wire))
        .isInstanceOf(WireFormatException.class).hasMessageContaining("codec wire id 250");
  }

  @Test
  void thePublicKeyMessagesHaveTheContractsJson() {
    assertThat(new CreateKeyRequest("cam1").toJson()).isEqualTo(new JsonObject().put("name", "cam1"));
    CreatedKey created = new CreatedKey("cam1", "secret", AT);
    assertThat(created.toJson()).isEqualTo(new JsonObject().put("name", "cam1").put("key", "secret").put("createdAt", AT.toString()));
    assertThat(created.toString()).doesNotContain("secret");
    assertThat(new ListKeysRequest().toJson()).isEqualTo(new JsonObject());
    KeyList list = new KeyList(List.of(new KeyList.Key("cam1", AT, null, true), new KeyList.Key("cam2", AT, AT, false)));
    assertThat(list.toJson().encode()).isEqualTo("{\"keys\":[{\"name\":\"cam1\",\"createdAt\":\"" + AT
        + "\",\"lastUsedAt\":null,\"live\":true},{\"name\":\"cam2\",\"createdAt\":\"" + AT + "\",\"lastUsedAt\":\"" + AT
        + "\",\"live\":false}]}");
    assertThat(new RevokedKey("cam1").toJson()).isEqualTo(new JsonObject().put("name", "cam1"));
    assertThat(new ValidateRequest("live", "k", "1.2.3.4:5").toJson())
        .isEqualTo(new JsonObject().put("app", "live").put("key", "k").put("remoteAddress", "1.2.3.4:5"));
    assertThat(new ValidateRequest("live", "k", null).toString()).doesNotContain("k]");
    assertThat(new ValidateRequest("live", "k", "1.2.3.4:5", "rtmp://h/live", "node-a").toJson())
        .isEqualTo(new JsonObject().put("app", "live").put("key", "k").put("remoteAddress", "1.2.3.4:5")
            .put("tcUrl", "rtmp://h/live").put("node", "node-a"));
    assertThat(new ValidateRequest("live", "secretkey", "1.2.3.4:5", "rtmp://h/live", "node-a").toString())
        .doesNotContain("secretkey");
    assertThat(new ValidatedKey("cam1").toJson()).isEqualTo(new JsonObject().put("name", "cam1"));
  }

  @Test
  void thePublicMessagesReadBackWhatTheyWrite() {
    assertThat(CreateKeyRequest.fromJson(new CreateKeyRequest("cam1").toJson())).isEqualTo(new CreateKeyRequest("cam1"));
    CreatedKey created = new CreatedKey("cam1", "secret", AT);
    assertThat(CreatedKey.fromJson(created.toJson())).isEqualTo(created);
    KeyList list = new KeyList(List.of(new KeyList.Key("cam1", AT, null, true)));
    assertThat(KeyList.fromJson(list.toJson())).isEqualTo(list);
    assertThat(RevokeKeyRequest.fromJson(new RevokeKeyRequest("cam1").toJson())).isEqualTo(new RevokeKeyRequest("cam1"));
    assertThat(RevokedKey.fromJson(new RevokedKey("cam1").toJson())).isEqualTo(new RevokedKey("cam1"));
    ValidateRequest validate = new ValidateRequest("live", "k", "1.2.3.4:5");
    assertThat(ValidateRequest.fromJson(validate.toJson())).isEqualTo(validate);
    ValidateRequest full = new ValidateRequest("live", "k", "1.2.3.4:5", "rtmp://h/live", "node-a");
    assertThat(ValidateRequest.fromJson(full.toJson())).isEqualTo(full);
    assertThat(ValidatedKey.fromJson(new ValidatedKey("cam1").toJson())).isEqualTo(new ValidatedKey("cam1"));
    for (StreamEvent event : List.of(StreamEvent.started(STREAM, 1, AT), StreamEvent.interrupted(STREAM, 2, AT, "reset"),
        StreamEvent.resumed(STREAM, 3, AT, 2_500), StreamEvent.moved(STREAM, 4, AT, "decode-a"),
        StreamEvent.ended(STREAM, 5, AT, "the publisher left"))) {
      assertThat(StreamEvent.fromJson(event.toJson())).isEqualTo(event);
    }
  }

  @Test
  void aStreamEventIsTheStreamsFieldsWithItsType() {
    JsonObject ended = StreamEvent.ended(STREAM, 7, AT, "bye").toJson();
    assertThat(ended.encode()).isEqualTo("{\"id\":\"id-1\",\"name\":\"cam1\",\"app\":\"live\",\"state\":\"interrupted\","
        + "\"publishes\":2,\"interruptedAt\":\"" + AT.plusSeconds(9) + "\",\"ingestNode\":\"ingest-a\","
        + "\"remoteAddress\":\"127.0.0.1:50312\",\"decodeNode\":\"decode-b\",\"startedAt\":\"" + AT + "\","
        + "\"video\":{\"codec\":\"h264\",\"width\":1280,\"height\":720,\"frameRate\":29.97},"
        + "\"audio\":{\"codec\":\"aac\",\"sampleRate\":48000,\"channels\":2},"
        + "\"stats\":{\"bytesIn\":1000,\"bitrateKbps\":800,\"videoFramesIn\":30,\"audioFramesIn\":47,\"framesDroppedAtIngest\":3},"
        + "\"type\":\"ended\",\"seq\":7,\"at\":\"" + AT + "\",\"reason\":\"bye\"}");
    assertThat(StreamEvent.moved(STREAM, 4, AT, "decode-a").toJson().getString("previousDecodeNode")).isEqualTo("decode-a");
    assertThat(StreamEvent.resumed(STREAM, 3, AT, 2_500).toJson().getLong("gapMs")).isEqualTo(2_500L);
    assertThat(StreamEvent.resumed(STREAM, 3, AT, 2_500).toJson().containsKey("reason")).isFalse();
    StreamEvent bare = StreamEvent.fromJson(new JsonObject().put("type", "ended").put("name", "cam1"));
    assertThat(bare).isEqualTo(new StreamEvent(StreamEvent.Type.ENDED, IngestedStream.named("cam1"), 0, null, null, null, null));
  }

  @Test
  void aMissingOrIllTypedFieldIsOneClearSentence() {
    assertRefused(() -> CreateKeyRequest.fromJson(new JsonObject()), "The field 'name' is required and must be a string.");
    assertRefused(() -> CreateKeyRequest.fromJson(new JsonObject().put("name", 7)), "The field 'name' must be a string.");
    assertRefused(() -> RevokeKeyRequest.fromJson(new JsonObject().put("name", true)), "The field 'name' must be a string.");
    assertRefused(() -> ValidateRequest.fromJson(new JsonObject().put("key", new JsonArray())), "The field 'key' must be a string.");
    assertRefused(() -> ValidatedKey.fromJson(new JsonObject()), "The field 'name' is required and must be a string.");
    assertRefused(() -> CreatedKey.fromJson(new CreatedKey("a", "k", AT).toJson().put("createdAt", "yesterday")),
        "The field 'createdAt' must be an ISO-8601 time.");
    assertRefused(() -> KeyList.fromJson(new JsonObject().put("keys", new JsonArray().add(1))),
        "Every element of 'keys' must be a JSON object.");
    assertRefused(() -> StreamEvent.fromJson(new JsonObject().put("type", "exploded").put("name", "x")),
        "The field 'type' has the unknown stream event type 'exploded'.");
    assertRefused(() -> StreamEvent.fromJson(new JsonObject().put("type", "ended").put("name", "x").put("stats", "many")),
        "The field 'stats' must be a JSON object.");
    assertRefused(() -> JsonFields.object("cam1"), "The request body must be a JSON object.");
    assertThat(RevokeKeyRequest.fromJson(new JsonObject()).name()).isNull();
    assertThat(ValidateRequest.fromJson(new JsonObject().put("app", "live")).key()).isNull();
  }

  @Test
  void anAttachmentTravelsAsAHeaderOnEveryMessageOfIt() {
    Assignment attached = new Assignment("decode-b", "d-1", Addresses.decoderPackets("d-1"), 42);
    assertThat(Assignment.attachmentOf(attached.deliveryOptions().getHeaders())).isEqualTo(42);
    assertThat(new Assignment("n", "d", Addresses.streamPackets("cam1")).deliveryOptions().getHeaders()).isNullOrEmpty();
    assertThat(Assignment.attachmentOf(io.vertx.core.MultiMap.caseInsensitiveMultiMap())).isZero();
    assertThat(Assignment.attachmentOf(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add(Assignment.ATTACHMENT_HEADER, "seven"))).as("not a number: no attachment").isZero();
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String sentence) {
    assertThatThrownBy(call).isInstanceOf(WireFormatException.class).hasMessage(sentence);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(MessageCodec<T, T> codec, Object message) {
    Buffer wire = Buffer.buffer("pre");
    codec.encodeToWire(wire, (T) message);
    return codec.decodeFromWire(3, wire);
  }

  @SuppressWarnings("unchecked")
  private static <T> T transform(MessageCodec<T, T> codec, Object message) {
    return codec.transform((T) message);
  }

  private static <T> void assertRefusedWhenCut(MessageCodec<T, T> codec, T message, String prefix) {
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, message);
    assertThat(codec.decodeFromWire(0, wire)).isEqualTo(message);
    for (int length = 0; length < wire.length(); length++) {
      Buffer cut = wire.getBuffer(0, length);
      assertThatThrownBy(() -> codec.decodeFromWire(0, cut)).as("cut at %d", length)
          .isInstanceOf(WireFormatException.class).hasMessageStartingWith(prefix);
    }
  }
}
