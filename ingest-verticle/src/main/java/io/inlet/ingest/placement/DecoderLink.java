package io.inlet.ingest.placement;

import io.inlet.bus.Addresses;
import io.inlet.bus.AssignRequest;
import io.inlet.bus.Assignment;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.ReleaseStream;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link from one live stream to the decoder that has it. Places the stream on the least loaded
 * decoder the {@link DecoderDirectory} knows (or any, through the shared assignment address, before
 * any has reported), sends it the stream's cache as one batch and then the live packets, and moves
 * the stream to another decoder when its decoder goes silent (a lost node) or stops listing it. The
 * publisher never notices. Event-loop confined.
 */
public final class DecoderLink {

  private static final Logger LOG = LoggerFactory.getLogger(DecoderLink.class);
  static final long ASSIGN_TIMEOUT_MS = 1_500;
  static final long RETRY_MS = 1_000;
  /** A decoder that took a stream must list it in its reports within this time. */
  static final long REPORT_GRACE_MS = 2_500;

  /** Told whenever a decoder takes the stream: the stream's lifecycle events listen. */
  public interface AttachListener {
    /** A decoder took the stream ({@code moved}: after another one was lost or on rebalancing). */
    void attached(String decodeNode, String previousDecodeNode, boolean moved);
  }

  private enum State { UNPLACED, PLACING, ATTACHED, CLOSED }

  private final Vertx vertx;
  private final DecoderDirectory directory;
  private final String streamName;
  /** What a decoder is asked: the stream's identity and its current publisher session's number. */
  private final Supplier<AssignRequest> offers;
  /** The stream's cache as it is now: what a decoder that takes the stream starts from. */
  private final Supplier<PacketBatch> snapshots;
  private final AttachListener listener;
  private final LongSupplier nanos;
  private final Set<String> excluded = new HashSet<>();
  private State state = State.UNPLACED;
  private String decoderId;
  private String address;
  /** Tags every message with the decoder's number for this attachment (see {@link Assignment}). */
  private DeliveryOptions delivery;
  private String decodeNode;
  private long attachedAtNanos;
  private long attachedAtSequence;
  private boolean everAttached;
  private boolean moving;
  /** Set when the stream ended while an offer was under way: what to run once it is answered. */
  private Runnable closeWhenSettled;
  private boolean failureLogged;
  private long retryTimer = -1;

  public DecoderLink(Vertx vertx, DecoderDirectory directory, Supplier<AssignRequest> offers, Supplier<PacketBatch> snapshots,
      AttachListener listener, LongSupplier nanos) {
    this.vertx = vertx;
    this.directory = directory;
    this.offers = offers;
    this.streamName = offers.get().stream();
    this.snapshots = snapshots;
    this.listener = listener;
    this.nanos = nanos;
  }

  /** Offers the stream to a decoder, unless one has it or an offer is under way. */
  public void place() {
    place(null);
  }

  /**
   * Offers the stream to a decoder, unless one has it or an offer is under way: first to
   * {@code preferredDecoderId} when given (the decoder that had the stream on another ingest node,
   * which keeps its decoder and sinks), else to the least loaded.
   */
  public void place(String preferredDecoderId) {
    if (state != State.UNPLACED) {
      return;
    }
    state = State.PLACING;
    Optional<DecoderDirectory.Decoder> pick = preferredDecoderId != null
        ? directory.decoder(preferredDecoderId) : directory.pick(excluded);
    String target = preferredDecoderId != null ? Addresses.decoderAssign(preferredDecoderId)
        : pick.map(DecoderDirectory.Decoder::assignAddress).orElse(Addresses.DECODE_ASSIGN);
    // Counted at once, so streams offered together spread before the decoders' next reports.
    pick.ifPresent(decoder -> directory.assigned(decoder.id(), streamName));
    vertx.eventBus().<Assignment>request(target, offers.get(),
            new DeliveryOptions().setSendTimeout(ASSIGN_TIMEOUT_MS))
        .onSuccess(reply -> onTaken(reply.body()))
        .onFailure(cause -> onRefused(pick, preferredDecoderId != null, cause));
  }

  /** Sends one message to the decoder, if one has the stream; returns whether it was sent. */
  public boolean send(Object body) {
    if (state != State.ATTACHED) {
      return false;
    }
    vertx.eventBus().send(address, body, delivery);
    return true;
  }

  public boolean attached() {
    return state == State.ATTACHED;
  }

  public String decodeNode() {
    return decodeNode;
  }

  /**
   * Packets sent to the decoder that it has not reported processing yet (its progress comes twice a
   * second), counted from {@code sequence}; 0 when not attached.
   */
  public long inFlight(long sequence) {
    if (state != State.ATTACHED) {
      return 0;
    }
    return Math.max(0, sequence - Math.max(directory.progress(decoderId, streamName), attachedAtSequence));
  }

  /** Called a few times a second: moves the stream when its decoder is lost. */
  public void check() {
    if (state != State.ATTACHED) {
      return;
    }
    long attachedForMs = (nanos.getAsLong() - attachedAtNanos) / 1_000_000;
    boolean silent = directory.known(decoderId) ? !directory.alive(decoderId) : attachedForMs > REPORT_GRACE_MS;
    boolean forgot = !silent && attachedForMs > REPORT_GRACE_MS && !directory.reports(decoderId, streamName);
    if (silent || forgot) {
      LOG.warn("stream '{}': decoder {} on {} {}; moving the stream", streamName, decoderId, decodeNode,
          silent ? "went silent" : "no longer lists it");
      excluded.add(decoderId);
      state = State.UNPLACED;
      place();
    }
  }

  /** The stream ended: no more offers, no more sends. */
  public void close() {
    close(() -> {});
  }

  /**
   * The stream ended: no more offers, no more sends; {@code settled} runs once the link is done. An
   * offer under way is completed first (its decoder still gets the stream's batch), so a publisher
   * that pushes a whole stream before a decoder has answered loses nothing; the stream's ended
   * event, sent from {@code settled}, then follows its last packet.
   */
  public void close(Runnable settled) {
    vertx.cancelTimer(retryTimer);
    if (state == State.PLACING) {
      closeWhenSettled = settled;
      return;
    }
    state = State.CLOSED;
    settled.run();
  }

  private boolean settleIfClosing() {
    if (closeWhenSettled == null) {
      return false;
    }
    state = State.CLOSED;
    Runnable settled = closeWhenSettled;
    closeWhenSettled = null;
    settled.run();
    return true;
  }

  /**
   * Moves the stream to {@code target} (rebalancing): the current decoder keeps getting packets until
   * the target takes the stream, which starts from the cached sequence headers and last keyframe; then
   * the current decoder is told to let go.
   */
  public void moveTo(DecoderDirectory.Decoder target) {
    if (state != State.ATTACHED || moving || target.id().equals(decoderId)) {
      return;
    }
    moving = true;
    directory.assigned(target.id(), streamName);
    vertx.eventBus().<Assignment>request(target.assignAddress(), offers.get(),
            new DeliveryOptions().setSendTimeout(ASSIGN_TIMEOUT_MS))
        .onComplete(result -> {
          moving = false;
          if (result.succeeded() && state == State.ATTACHED) {
            String previousAddress = address;
            DeliveryOptions previousDelivery = delivery;
            switchTo(result.result().body());
            vertx.eventBus().send(previousAddress, new ReleaseStream(streamName), previousDelivery);
          }
        });
  }

  /** The decoder that has the stream, or null. */
  public String decoderId() {
    return state == State.ATTACHED ? decoderId : null;
  }

  private void onTaken(Assignment reply) {
    if (state != State.PLACING) {
      return;
    }
    switchTo(reply);
    settleIfClosing();
  }

  private void switchTo(Assignment reply) {
    String previous = decodeNode;
    decoderId = reply.decoderId();
    decodeNode = reply.decodeNode();
    address = reply.address();
    delivery = reply.deliveryOptions();
    // The batch goes out before any live packet: the decoder sees the stream in order from its start
    // (first decoder) or from the last keyframe (after a move).
    PacketBatch batch = snapshots.get();
    attachedAtSequence = batch.lastSequence();
    vertx.eventBus().send(address, batch, delivery);
    state = State.ATTACHED;
    attachedAtNanos = nanos.getAsLong();
    excluded.clear();
    failureLogged = false;
    listener.attached(decodeNode, previous, everAttached);
    everAttached = true;
  }

  private void onRefused(Optional<DecoderDirectory.Decoder> pick, boolean preferred, Throwable cause) {
    if (state != State.PLACING) {
      return;
    }
    state = State.UNPLACED;
    if (settleIfClosing()) {
      return;
    }
    pick.ifPresent(decoder -> excluded.add(decoder.id()));
    if (!failureLogged) {
      failureLogged = true;
      LOG.warn("stream '{}': no decoder took it yet ({}); it stays up undecoded and is offered again",
          streamName, cause.getMessage());
    }
    if (pick.isPresent() || preferred) {
      place(); // another decoder may have room: try it at once
    } else {
      excluded.clear();
      retryTimer = vertx.setTimer(RETRY_MS, id -> place());
    }
  }
}
