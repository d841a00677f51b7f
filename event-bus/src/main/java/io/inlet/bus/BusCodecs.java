package io.inlet.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * Registers the codec of every internal message, once per Vert.x instance: binary for the hot paths
 * (packets, batches, the per-second reports), JSON-backed for the rare ones. Public messages travel
 * as plain JSON and need none.
 */
public final class BusCodecs {

  private BusCodecs() {}

  /** Each record class with its codec. */
  static List<Registration<?>> all() {
    return List.of(
        new Registration<>(MediaPacket.class, new MediaPacketCodec()),
        new Registration<>(PacketBatch.class, new PacketBatchCodec()),
        new Registration<>(IngestStats.class, new IngestStatsCodec()),
        new Registration<>(DecoderReport.class, new DecoderReportCodec()),
        new Registration<>(AssignRequest.class,
            new JsonCodec<>("inlet.assign-request", AssignRequest::toJson, AssignRequest::fromJson)),
        new Registration<>(Assignment.class,
            new JsonCodec<>("inlet.assignment", Assignment::toJson, Assignment::fromJson)),
        new Registration<>(EndStream.class, new JsonCodec<>("inlet.end-stream", EndStream::toJson, EndStream::fromJson)),
        new Registration<>(HandOverRequest.class,
            new JsonCodec<>("inlet.hand-over-request", HandOverRequest::toJson, HandOverRequest::fromJson)),
        new Registration<>(HandedOver.class, new JsonCodec<>("inlet.handed-over", HandedOver::toJson, HandedOver::fromJson)),
        new Registration<>(ReleaseStream.class,
            new JsonCodec<>("inlet.release-stream", ReleaseStream::toJson, ReleaseStream::fromJson)),
        new Registration<>(SnapshotRequest.class,
            new JsonCodec<>("inlet.snapshot-request", SnapshotRequest::toJson, SnapshotRequest::fromJson)),
        new Registration<>(RevokedKey.class,
            new JsonCodec<>("inlet.revoked-key", RevokedKey::toJson, RevokedKey::fromJson)),
        new Registration<>(KeyStateChange.class,
            new JsonCodec<>("inlet.key-state-change", KeyStateChange::toJson, KeyStateChange::fromJson)),
        new Registration<>(KeyUses.class, new JsonCodec<>("inlet.key-uses", KeyUses::toJson, KeyUses::fromJson)),
        new Registration<>(LinkProbe.class, new JsonCodec<>("inlet.link-probe", LinkProbe::toJson, LinkProbe::fromJson)),
        new Registration<>(WebhookProgress.class,
            new JsonCodec<>("inlet.webhook-progress", WebhookProgress::toJson, WebhookProgress::fromJson)));
  }

  /** Idempotent: verticles of every role call it in their start. */
  public static synchronized void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (Registration<?> registration : all()) {
      registration.register(bus);
    }
  }

  record Registration<T>(Class<T> type, MessageCodec<T, T> codec) {

    void register(EventBus bus) {
      try {
        bus.registerDefaultCodec(type, codec);
      } catch (IllegalStateException alreadyRegistered) {
        // Another verticle of this Vert.x instance registered it first.
      }
    }
  }
}
