package io.inlet.ingest.publish;

import io.inlet.ingest.session.PublishRefusedException;
import java.util.Optional;

/**
 * Who may publish a stream name, and what a publisher is told when it may not: the one place that
 * holds Inlet's publish rules. {@link ClusterPublishGate} carries the decisions out (asks the auth
 * role, claims the name cluster-wide, opens the stream); the RTMP session only asks the gate and
 * relays its answer; the decode side follows the stream's lifecycle events (an {@code ended} event
 * frees its decoder) and decides nothing.
 *
 * <p>A new rule (taking over a publisher that went silent, an allow-list of applications, a verdict
 * from the user's backend) is a new implementation of this interface, or a change to
 * {@link ExclusivePublishPolicy}, handed to the gate where the ingest verticle builds it; the gate and
 * the session stay as they are.
 */
public interface PublishPolicy {

  /** Refuses a publish before its key is even checked (the node drains, no key was given), or empty. */
  Optional<PublishRefusedException> admit(String app, String key);

  /** What a publisher is told when the auth role refused its key or could not answer. */
  Refusal authFailed(Throwable cause);

  /** What a publisher is told when its stream's name is live in another session, here or on another node. */
  PublishRefusedException nameLive(String name);

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
