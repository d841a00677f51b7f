package io.inlet.ingest.publish;

import io.inlet.bus.ReplyCodes;
import io.inlet.ingest.session.PublishRefusedException;
import io.inlet.ingest.stream.HeldStream;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Optional;

/**
 * Inlet's publish rules. A key the auth role accepts publishes its name, one session at a time,
 * cluster-wide; a key that cannot be checked is refused (fail closed, {@code Publish.Failed}); a
 * draining node refuses every publish so that it lands on another node. When the name is held:
 * <ul>
 *   <li>an interrupted stream (its publisher's connection ended without an unpublish) is resumed;
 *   <li>a live one is taken over by {@link TakeoverMode}: {@code idle} when its session has sent no
 *       media for {@code takeoverIdleMs} (a half-open connection: the publisher is already
 *       reconnecting; a publish that comes sooner waits until then), {@code always}, or {@code never};
 *   <li>a stream is taken over at most once per {@link #TAKEOVER_COOLDOWN_MS}, so two encoders
 *       publishing one key cannot knock each other off in a loop: the second attempt within the
 *       cooldown is refused, and with {@code idle} an encoder that sends is never taken over at all.
 * </ul>
 * Plain Java, decided without I/O.
 */
public final class StandardPublishPolicy implements PublishPolicy {

  /** Fewest milliseconds between two takeovers of one stream. */
  public static final long TAKEOVER_COOLDOWN_MS = 5_000;

  private static final String CANNOT_CHECK = "The stream key could not be checked; try again later.";

  private final TakeoverMode takeover;
  private final long takeoverIdleMs;
  private boolean draining;

  public StandardPublishPolicy(TakeoverMode takeover, long takeoverIdleMs) {
    this.takeover = takeover;
    this.takeoverIdleMs = takeoverIdleMs;
  }

  @Override
  public Optional<PublishRefusedException> admit(String app, String key) {
    if (draining) {
      return Optional.of(PublishRefusedException.failed("This node is shutting down; publish again to reach another one."));
    }
    if (key.isEmpty()) {
      return Optional.of(PublishRefusedException.badName("A stream key is required: publish to rtmp://host/" + app + "/<key>."));
    }
    return Optional.empty();
  }

  @Override
  public Refusal authFailed(Throwable cause) {
    if (cause instanceof ReplyException reply) {
      // The auth role's own sentence travels with a refusal (an auth webhook's reason for a deny, or
      // why it failed closed): the publisher sees it. Without one, the generic sentence is used.
      String said = reply.failureType() == ReplyFailure.RECIPIENT_FAILURE ? reply.getMessage() : null;
      if (reply.failureCode() == ReplyCodes.FORBIDDEN) {
        return new Refusal("bad_key", PublishRefusedException.badName(orElse(said, "Unknown or revoked stream key.")));
      }
      if (reply.failureCode() == ReplyCodes.TOO_MANY_REQUESTS) {
        return new Refusal("rate_limited",
            PublishRefusedException.badName("Too many refused publishes from this address; try again later."));
      }
      if (reply.failureCode() == ReplyCodes.UNAVAILABLE) {
        return new Refusal("unavailable", PublishRefusedException.failed(orElse(said, CANNOT_CHECK)));
      }
    }
    return new Refusal("unavailable", PublishRefusedException.failed(CANNOT_CHECK));
  }

  private static String orElse(String said, String fallback) {
    return said == null || said.isBlank() ? fallback : said;
  }

  @Override
  public Claim onNameHeld(String name, HeldStream held) {
    if (held.interrupted()) {
      return new Claim.Resume();
    }
    boolean mayTake = switch (takeover) {
      case ALWAYS -> true;
      case IDLE -> held.idleMs() >= takeoverIdleMs;
      case NEVER -> false;
    };
    if (!mayTake) {
      return new Claim.Refuse(nameLive(name));
    }
    if (held.sinceTakeoverMs() < TAKEOVER_COOLDOWN_MS) {
      return new Claim.Refuse(PublishRefusedException.badName(
          "Stream '" + name + "' was taken over less than " + TAKEOVER_COOLDOWN_MS / 1000 + " s ago; try again later."));
    }
    return new Claim.TakeOver();
  }

  /**
   * With {@code idle}, a live session silent for less than {@code takeoverIdleMs} may be a dropped
   * connection whose encoder reconnected at once (FFmpeg or a hardware encoder is back within a few
   * hundred milliseconds of noticing the drop, before the server could tell a drop from a pause):
   * its publish waits until the session has been silent that long, then is decided. A session that
   * sends meanwhile keeps its stream and the new publish is refused, a little later.
   */
  @Override
  public long waitBeforeDecidingMs(HeldStream held) {
    boolean undecided = takeover == TakeoverMode.IDLE && !held.interrupted() && held.idleMs() < takeoverIdleMs;
    return undecided ? takeoverIdleMs - held.idleMs() : 0;
  }

  @Override
  public PublishRefusedException nameLive(String name) {
    return PublishRefusedException.badName("Stream '" + name + "' is already live.");
  }

  @Override
  public void drain() {
    draining = true;
  }

  @Override
  public boolean draining() {
    return draining;
  }
}
