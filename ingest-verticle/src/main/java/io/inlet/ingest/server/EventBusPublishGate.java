package io.inlet.ingest.server;

import io.inlet.bus.Addresses;
import io.inlet.bus.JsonFields;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.ValidateRequest;
import io.inlet.bus.ValidatedKey;
import io.inlet.bus.WireFormatException;
import io.inlet.ingest.placement.DecoderDirectory;
import io.inlet.ingest.session.PublishGate;
import io.inlet.ingest.session.PublishRefusedException;
import io.inlet.ingest.session.PublishedStream;
import io.inlet.ingest.stream.IngestStream;
import io.inlet.ingest.stream.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The production {@link PublishGate}: asks the auth role over the event bus (with a timeout, failing
 * closed), claims the stream name cluster-wide, and opens the stream's packet path.
 */
final class EventBusPublishGate implements PublishGate {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventBusPublishGate.class);

  private final Vertx vertx;
  private final IngestOptions options;
  private final LiveStreamRegistry registry;
  private final Map<String, IngestStream> liveStreams;
  private final IngestMetrics metrics;
  private final DecoderDirectory decoders;
  /** Who holds each live name's claim, so the claims can be kept alive. */
  private final Map<String, String> owners = new java.util.HashMap<>();

  EventBusPublishGate(Vertx vertx, IngestOptions options, Map<String, IngestStream> liveStreams, IngestMetrics metrics,
      DecoderDirectory decoders, LiveStreamRegistry registry) {
    this.decoders = decoders;
    this.vertx = vertx;
    this.options = options;
    this.registry = registry;
    this.liveStreams = liveStreams;
    this.metrics = metrics;
  }

  private boolean draining;

  /** From now on, publishes are refused: the node is draining. */
  void drain() {
    draining = true;
  }

  @Override
  public Future<PublishedStream> open(String app, String key, String remoteAddress) {
    if (draining) {
      return Future.failedFuture(PublishRefusedException.failed("This node is shutting down; publish again to reach another one."));
    }
    if (key.isEmpty()) {
      return Future.failedFuture(PublishRefusedException.badName("A stream key is required: publish to rtmp://host/" + app + "/<key>."));
    }
    JsonObject request = new ValidateRequest(app, key, remoteAddress).toJson();
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(options.authTimeoutMs());
    return vertx.eventBus().<Object>request(Addresses.AUTH_VALIDATE, request, delivery)
        .map(reply -> ValidatedKey.fromJson(JsonFields.object(reply.body())))
        .recover(this::refusal)
        .compose(validated -> claim(app, validated.name(), remoteAddress));
  }

  private Future<PublishedStream> claim(String app, String name, String remoteAddress) {
    String owner = options.nodeId() + "/" + UUID.randomUUID();
    return registry.claim(name, owner).compose(claimed -> {
      if (!claimed) {
        return Future.failedFuture(PublishRefusedException.badName("Stream '" + name + "' is already live."));
      }
      StreamInfo info = new StreamInfo(name, app, options.nodeId(), remoteAddress, Instant.now());
      IngestStream stream = new IngestStream(info, vertx, decoders, options.cacheMaxPackets(), options.cacheMaxBytes(), options.maxInFlight(), ended -> {
        liveStreams.remove(name, ended);
        owners.remove(name, owner);
        metrics.streamEnded();
        registry.release(name, owner);
      });
      liveStreams.put(name, stream);
      owners.put(name, owner);
      metrics.streamStarted();
      stream.announceStarted();
      return Future.succeededFuture(stream);
    });
  }

  /** Renews the claims of this node's live streams; claims of a dead node expire on their own. */
  void renewClaims() {
    owners.forEach(registry::renew);
  }

  private <T> Future<T> refusal(Throwable cause) {
    if (cause instanceof ReplyException reply) {
      if (reply.failureCode() == ReplyCodes.FORBIDDEN) {
        metrics.authRefused("bad_key");
        return Future.failedFuture(PublishRefusedException.badName("Unknown or revoked stream key."));
      }
      if (reply.failureCode() == ReplyCodes.TOO_MANY_REQUESTS) {
        metrics.authRefused("rate_limited");
        return Future.failedFuture(PublishRefusedException.badName("Too many refused publishes from this address; try again later."));
      }
    }
    if (cause instanceof WireFormatException malformed) {
      LOG.warn("the auth role's answer to a validation is malformed: {}", malformed.getMessage());
    }
    metrics.authRefused("unavailable");
    return Future.failedFuture(PublishRefusedException.failed("The stream key could not be checked; try again later."));
  }
}
