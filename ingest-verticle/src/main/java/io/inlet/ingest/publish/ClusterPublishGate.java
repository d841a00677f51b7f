package io.inlet.ingest.publish;

import io.inlet.bus.Addresses;
import io.inlet.bus.JsonFields;
import io.inlet.bus.StreamLease;
import io.inlet.bus.ValidateRequest;
import io.inlet.bus.ValidatedKey;
import io.inlet.bus.WireFormatException;
import io.inlet.ingest.session.PublishGate;
import io.inlet.ingest.session.PublishRefusedException;
import io.inlet.ingest.session.PublishedStream;
import io.inlet.ingest.stream.IngestStream;
import io.inlet.ingest.stream.LiveStreams;
import io.inlet.ingest.stream.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link PublishGate}: carries out the {@link PublishPolicy}. Asks the auth role over
 * the event bus (with a timeout, failing closed), then takes the stream's name with a cluster-wide
 * {@link StreamLease}: a free name opens a new stream on this node; a name one of this node's streams
 * holds is resumed, taken over or refused as the policy says (after a wait, when the policy asks for
 * one), and the lease passes to the new session with the next {@code publishes} number.
 */
public final class ClusterPublishGate implements PublishGate {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPublishGate.class);

  private final Vertx vertx;
  private final String nodeId;
  private final long authTimeoutMs;
  private final PublishPolicy policy;
  private final StreamLeases leases;
  private final LiveStreams streams;
  private final PublishMetrics metrics;

  public ClusterPublishGate(Vertx vertx, String nodeId, long authTimeoutMs, PublishPolicy policy, StreamLeases leases,
      LiveStreams streams, PublishMetrics metrics) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.authTimeoutMs = authTimeoutMs;
    this.policy = policy;
    this.leases = leases;
    this.streams = streams;
    this.metrics = metrics;
  }

  @Override
  public Future<PublishedStream> open(String app, String key, String remoteAddress) {
    Optional<PublishRefusedException> refused = policy.admit(app, key);
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(authTimeoutMs);
    return vertx.eventBus().<Object>request(Addresses.AUTH_VALIDATE, new ValidateRequest(app, key, remoteAddress).toJson(), delivery)
        .map(reply -> ValidatedKey.fromJson(JsonFields.object(reply.body())))
        .recover(this::authFailed)
        .compose(validated -> claim(app, validated.name(), remoteAddress, true, true));
  }

  /**
   * Takes the name, or continues the stream that holds it. {@code firstTry}: a lease left by this
   * node's stream that just ended may be released and the claim tried again, once. {@code mayWait}:
   * the policy may hold the publish a moment before deciding, after which the claim is made anew.
   */
  private Future<PublishedStream> claim(String app, String name, String remoteAddress, boolean firstTry, boolean mayWait) {
    String session = UUID.randomUUID().toString();
    StreamLease fresh = new StreamLease(UUID.randomUUID().toString(), 1, nodeId, session);
    return leases.acquire(name, fresh).compose(holder -> {
      if (holder == null) {
        return Future.succeededFuture(open(app, name, remoteAddress, fresh));
      }
      Optional<IngestStream> local = streams.get(name).filter(stream -> stream.lease().id().equals(holder.id()));
      if (local.isEmpty()) {
        if (holder.ingestNode().equals(nodeId) && firstTry) {
          // This node's stream of that name just ended and its lease is on its way out: take the name anew.
          return leases.release(name, holder).compose(released -> claim(app, name, remoteAddress, false, mayWait));
        }
        return Future.failedFuture(policy.nameLive(name));
      }
      IngestStream stream = local.get();
      long waitMs = mayWait ? policy.waitBeforeDecidingMs(stream.held()) : 0;
      if (waitMs > 0) {
        // The stream may change meanwhile (its session sends again, ends, is interrupted): ask anew.
        Promise<Void> waited = Promise.promise();
        vertx.setTimer(waitMs, id -> waited.complete());
        return waited.future().compose(v -> claim(app, name, remoteAddress, firstTry, false));
      }
      StreamLease next = stream.lease().next(nodeId, session);
      PublishPolicy.Claim claim = policy.onNameHeld(name, stream.held());
      if (claim instanceof PublishPolicy.Claim.Refuse refuse) {
        return Future.failedFuture(refuse.refusal());
      }
      leases.replace(name, next);
      return Future.succeededFuture(claim instanceof PublishPolicy.Claim.TakeOver
          ? stream.takeOver(next, remoteAddress) : stream.resume(next, remoteAddress));
    });
  }

  private PublishedStream open(String app, String name, String remoteAddress, StreamLease lease) {
    metrics.streamStarted();
    StreamInfo info = new StreamInfo(lease.id(), name, app, nodeId, remoteAddress, Instant.now());
    return streams.open(info, lease, ended -> {
      metrics.streamEnded();
      leases.release(name, ended.lease());
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
