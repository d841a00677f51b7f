package io.inlet.ingest.publish;

import io.inlet.bus.Addresses;
import io.inlet.bus.HandOverRequest;
import io.inlet.bus.HandedOver;
import io.inlet.bus.JsonFields;
import io.inlet.bus.ReplyCodes;
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
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
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
 * one), and the lease passes to the new session with the next {@code publishes} number. A name another
 * ingest node holds is asked of that node ({@link HandOverRequest}): it applies the same policy on its
 * own clock and, if the publish may have the stream, hands it over, and the stream continues here.
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
  /** Leaves the publisher time to hear back within its own timeout, and the holder time to decide. */
  private static final DeliveryOptions HAND_OVER_TIMEOUT = new DeliveryOptions().setSendTimeout(2_000);

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
  public Future<PublishedStream> open(String app, String key, String remoteAddress, String tcUrl) {
    Optional<PublishRefusedException> refused = policy.admit(app, key);
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(authTimeoutMs);
    ValidateRequest validate = new ValidateRequest(app, key, remoteAddress, tcUrl, nodeId);
    return vertx.eventBus().<Object>request(Addresses.AUTH_VALIDATE, validate.toJson(), delivery)
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
      if (!holder.ingestNode().equals(nodeId)) {
        return askHolder(app, name, remoteAddress, holder, session);
      }
      Optional<IngestStream> local = streams.get(name).filter(stream -> stream.lease().id().equals(holder.id()));
      if (local.isEmpty()) {
        if (firstTry) {
          // This node's stream of that name just ended and its lease is on its way out: take the name anew.
          return leases.release(name, holder).compose(released -> claim(app, name, remoteAddress, false, mayWait));
        }
        return Future.failedFuture(policy.nameLive(name));
      }
      IngestStream stream = local.get();
      long waitMs = mayWait ? policy.waitBeforeDecidingMs(stream.held()) : 0;
      if (waitMs > 0) {
        // The stream may change meanwhile (its session sends again, ends, is interrupted): ask anew.
        return after(waitMs).compose(v -> claim(app, name, remoteAddress, firstTry, false));
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

  /** Another ingest node holds the name: it decides, and hands the stream over if the publish may have it. */
  private Future<PublishedStream> askHolder(String app, String name, String remoteAddress, StreamLease holder, String session) {
    HandOverRequest request = new HandOverRequest(name, holder.id(), holder.publishes(), nodeId);
    return vertx.eventBus().<HandedOver>request(Addresses.ingestNode(holder.ingestNode()), request, HAND_OVER_TIMEOUT)
        .recover(cause -> Future.failedFuture(handOverRefused(name, holder, cause)))
        .map(reply -> {
          HandedOver from = reply.body();
          StreamLease next = holder.next(nodeId, session);
          leases.replace(name, next);
          metrics.streamStarted();
          StreamInfo info = new StreamInfo(from.id(), name, from.app() == null ? app : from.app(), nodeId, remoteAddress,
              from.startedAt() == null ? Instant.now() : from.startedAt());
          LOG.info("stream '{}' continues on this node, handed over by {}", name, holder.ingestNode());
          return streams.continueFrom(from, info, next, this::onEnded);
        });
  }

  private PublishRefusedException handOverRefused(String name, StreamLease holder, Throwable cause) {
    if (cause instanceof ReplyException reply && reply.failureCode() == ReplyCodes.CONFLICT) {
      return PublishRefusedException.badName(reply.getMessage());
    }
    if (cause instanceof ReplyException reply && reply.failureCode() == ReplyCodes.NOT_FOUND) {
      return policy.nameLive(name); // its stream is just ending there: the next attempt takes the name anew
    }
    LOG.warn("stream '{}': its ingest node {} did not answer a hand-over ({})", name, holder.ingestNode(), cause.getMessage());
    return PublishRefusedException.failed("Stream '" + name + "' is live on another node that does not answer; try again.");
  }

  /**
   * Another ingest node asks for a stream of this node (its publisher reconnected there): the policy
   * decides on this node's clock; if the publish may have the stream, it is handed over.
   */
  public Future<HandedOver> onHandOverRequest(HandOverRequest request) {
    return decideHandOver(request, true);
  }

  private Future<HandedOver> decideHandOver(HandOverRequest request, boolean mayWait) {
    Optional<IngestStream> local = streams.get(request.name())
        .filter(stream -> stream.lease().id().equals(request.id()) && stream.lease().publishes() == request.publishes());
    if (local.isEmpty()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.NOT_FOUND,
          "Stream '" + request.name() + "' is not ingested here."));
    }
    IngestStream stream = local.get();
    long waitMs = mayWait ? policy.waitBeforeDecidingMs(stream.held()) : 0;
    if (waitMs > 0) {
      return after(waitMs).compose(v -> decideHandOver(request, false));
    }
    PublishPolicy.Claim claim = policy.onNameHeld(request.name(), stream.held());
    if (claim instanceof PublishPolicy.Claim.Refuse refuse) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.CONFLICT,
          refuse.refusal().getMessage()));
    }
    return Future.succeededFuture(stream.handOver("taken over by a publish on " + request.toNode() + " after "
        + stream.held().idleMs() + " ms without media"));
  }


  private PublishedStream open(String app, String name, String remoteAddress, StreamLease lease) {
    metrics.streamStarted();
    StreamInfo info = new StreamInfo(lease.id(), name, app, nodeId, remoteAddress, Instant.now());
    return streams.open(info, lease, this::onEnded);
  }

  /** A stream stopped on this node: it ended (its lease goes) or was handed over (the new node overwrote the lease). */
  private void onEnded(IngestStream stream) {
    metrics.streamEnded();
    leases.release(stream.name(), stream.lease());
  }

  /** Completes after {@code ms} on this verticle's event loop. */
  private Future<Void> after(long ms) {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(ms, id -> waited.complete());
    return waited.future();
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
