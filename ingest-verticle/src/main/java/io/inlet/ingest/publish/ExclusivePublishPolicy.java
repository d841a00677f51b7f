package io.inlet.ingest.publish;

import io.inlet.bus.ReplyCodes;
import io.inlet.ingest.session.PublishRefusedException;
import io.vertx.core.eventbus.ReplyException;
import java.util.Optional;

/**
 * Inlet's publish rules today: a key the auth role accepts publishes its name once at a time,
 * cluster-wide (the first publisher keeps it; a second one is refused with {@code BadName}); a key
 * that cannot be checked is refused (fail closed, {@code Publish.Failed}); a draining node refuses
 * every publish so that it lands on another node. Plain Java, decided without I/O.
 */
public final class ExclusivePublishPolicy implements PublishPolicy {

  private boolean draining;

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
      if (reply.failureCode() == ReplyCodes.FORBIDDEN) {
        return new Refusal("bad_key", PublishRefusedException.badName("Unknown or revoked stream key."));
      }
      if (reply.failureCode() == ReplyCodes.TOO_MANY_REQUESTS) {
        return new Refusal("rate_limited",
            PublishRefusedException.badName("Too many refused publishes from this address; try again later."));
      }
    }
    return new Refusal("unavailable", PublishRefusedException.failed("The stream key could not be checked; try again later."));
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
