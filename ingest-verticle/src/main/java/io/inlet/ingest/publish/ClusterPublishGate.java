package io.inlet.ingest.publish;

import io.inlet.bus.Addresses;
import io.inlet.bus.JsonFields;
import io.inlet.bus.ValidateRequest;
import io.inlet.bus.ValidatedKey;
import io.inlet.bus.WireFormatException;
import io.inlet.ingest.session.PublishGate;
import io.inlet.ingest.session.PublishedStream;
import io.inlet.ingest.stream.LiveStreams;
import io.inlet.ingest.stream.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link PublishGate}: carries out the {@link PublishPolicy}. Asks the auth role over
 * the event bus (with a timeout, failing closed), claims the stream name cluster-wide, and opens the
 * stream on this node.
 */
public final class ClusterPublishGate implements PublishGate {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPublishGate.class);

  private final Vertx vertx;
  private final String nodeId;
  private final long authTimeoutMs;
  private final PublishPolicy policy;
  private final StreamClaims claims;
  private final LiveStreams streams;
  private final PublishMetrics metrics;

  public ClusterPublishGate(Vertx vertx, String nodeId, long authTimeoutMs, PublishPolicy policy, StreamClaims claims,
      LiveStreams streams, PublishMetrics metrics) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.authTimeoutMs = authTimeoutMs;
    this.policy = policy;
    this.claims = claims;
    this.streams = streams;
    this.metrics = metrics;
  }

  @Override
  public Future<PublishedStream> open(String app, String key, String remoteAddress) {
    var refused = policy.admit(app, key);
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(authTimeoutMs);
    return vertx.eventBus().<Object>request(Addresses.AUTH_VALIDATE, new ValidateRequest(app, key, remoteAddress).toJson(), delivery)
        .map(reply -> ValidatedKey.fromJson(JsonFields.object(reply.body())))
        .recover(this::authFailed)
        .compose(validated -> claim(app, validated.name(), remoteAddress));
  }

  private Future<PublishedStream> claim(String app, String name, String remoteAddress) {
    String owner = nodeId + "/" + UUID.randomUUID();
    return claims.claim(name, owner).compose(claimed -> {
      if (!claimed) {
        return Future.failedFuture(policy.nameLive(name));
      }
      metrics.streamStarted();
      StreamInfo info = new StreamInfo(name, app, nodeId, remoteAddress, Instant.now());
      PublishedStream stream = streams.open(info, () -> {
        metrics.streamEnded();
        claims.release(name, owner);
      });
      return Future.succeededFuture(stream);
    });
  }

  private <T> Future<T> authFailed(Throwable cause) {
    if (cause instanceof WireFormatException malformed) {
      LOG.warn("the auth role's answer to a validation is malformed: {}", malformed.getMessage());
    }
    PublishPolicy.Refusal refusal = policy.authFailed(cause);
    metrics.authRefused(refusal.metricReason());
    return Future.failedFuture(refusal.refusal());
  }
}
