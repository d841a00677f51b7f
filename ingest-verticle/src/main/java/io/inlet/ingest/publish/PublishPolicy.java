package io.inlet.ingest.publish;

import io.inlet.ingest.session.PublishRefusedException;
import io.inlet.ingest.stream.HeldStream;
import java.util.Optional;

/**
 * Who may publish a stream name, and what a publisher is told when it may not: the one place that
 * holds Inlet's publish rules. {@link ClusterPublishGate} carries the decisions out (asks the auth
 * role, claims the name cluster-wide, opens the stream); the RTMP session only asks the gate and
 * relays its answer; the decode side follows the stream's lifecycle events (an {@code ended} event
 * frees its decoder) and decides nothing.
 *
 * <p>A new rule (an allow-list of applications, a verdict from the user's backend, another takeover
 * rule) is a new implementation of this interface, or a change to {@link StandardPublishPolicy},
 * handed to the gate where the ingest verticle builds it; the gate and the session stay as they are.
 */
public interface PublishPolicy {

  /** Refuses a publish before its key is even checked (the node drains, no key was given), or empty. */
  Optional<PublishRefusedException> admit(String app, String key);

  /** What a publisher is told when the auth role refused its key or could not answer. */
  Refusal authFailed(Throwable cause);

  /**
   * A publish whose stream name is held by one of this node's streams (the key was accepted): whether
   * it resumes the stream, takes it over from its live session, or is refused.
   */
  Claim onNameHeld(String name, HeldStream held);

  /**
   * How long a publish whose name is held should wait before {@link #onNameHeld} decides it, or 0 to
   * decide now. Decided once: after the wait, the answer of {@link #onNameHeld} stands.
   */
  long waitBeforeDecidingMs(HeldStream held);

  /** What a publisher is told when its stream's name is live in a session this node cannot take it from. */
  PublishRefusedException nameLive(String name);

  /** What becomes of a publish whose name is held. */
  sealed interface Claim {
    /** The publisher comes back to its interrupted stream. */
    record Resume() implements Claim {}

    /** The live session is closed and the new one continues the stream. */
    record TakeOver() implements Claim {}

    record Refuse(PublishRefusedException refusal) implements Claim {}
  }

  /** From now on the node drains: publishes are refused so that publishers reconnect elsewhere. */
  void drain();

  /** Whether the node drains. */
  boolean draining();

  /**
   * A refusal and the reason it is counted under in {@code inlet_auth_refusals_total}.
   *
   * @param metricReason {@code bad_key}, {@code rate_limited} or {@code unavailable}
   */
  record Refusal(String metricReason, PublishRefusedException refusal) {}
}
