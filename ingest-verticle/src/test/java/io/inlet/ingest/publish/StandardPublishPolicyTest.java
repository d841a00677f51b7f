package io.inlet.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.ReplyCodes;
import io.inlet.ingest.session.PublishRefusedException;
import io.inlet.ingest.stream.HeldStream;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Inlet's publish rules, decided without I/O. */
class StandardPublishPolicyTest {

  private static final String BAD_NAME = "NetStream.Publish.BadName";
  private static final String FAILED = "NetStream.Publish.Failed";

  private final StandardPublishPolicy policy = new StandardPublishPolicy(TakeoverMode.IDLE, 1_000);

  @Test
  void aPublishWithAKeyIsAdmittedToTheKeyCheck() {
    assertThat(policy.admit("live", "secret")).isEmpty();
  }

  @Test
  void aPublishWithoutAKeyIsRefusedAsABadName() {
    PublishRefusedException refusal = policy.admit("live", "").orElseThrow();
    assertThat(refusal.statusCode()).isEqualTo(BAD_NAME);
    assertThat(refusal.getMessage()).contains("rtmp://host/live/<key>");
  }

  @Test
  void aDrainingNodeRefusesEveryPublishSoThatItLandsElsewhere() {
    assertThat(policy.draining()).isFalse();
    policy.drain();
    assertThat(policy.draining()).isTrue();
    PublishRefusedException refusal = policy.admit("live", "secret").orElseThrow();
    assertThat(refusal.statusCode()).isEqualTo(FAILED);
  }

  @Test
  void aRefusedKeyAndARateLimitAreBadNamesWithTheirOwnReasons() {
    PublishPolicy.Refusal forbidden = policy.authFailed(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.FORBIDDEN, "no"));
    assertThat(forbidden.metricReason()).isEqualTo("bad_key");
    assertThat(forbidden.refusal().statusCode()).isEqualTo(BAD_NAME);

    PublishPolicy.Refusal limited = policy.authFailed(
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.TOO_MANY_REQUESTS, "slow down"));
    assertThat(limited.metricReason()).isEqualTo("rate_limited");
    assertThat(limited.refusal().statusCode()).isEqualTo(BAD_NAME);
  }

  @Test
  void theAuthRolesSentenceReachesThePublisher() {
    PublishPolicy.Refusal denied = policy.authFailed(
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.FORBIDDEN, "Channel suspended for unpaid bills."));
    assertThat(denied.refusal().statusCode()).isEqualTo(BAD_NAME);
    assertThat(denied.refusal().getMessage()).isEqualTo("Channel suspended for unpaid bills.");
    PublishPolicy.Refusal closed = policy.authFailed(
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.UNAVAILABLE, "The auth webhook did not answer."));
    assertThat(closed.refusal().statusCode()).isEqualTo(FAILED);
    assertThat(closed.refusal().getMessage()).isEqualTo("The auth webhook did not answer.");
    PublishPolicy.Refusal silent = policy.authFailed(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.FORBIDDEN, ""));
    assertThat(silent.refusal().getMessage()).isEqualTo("Unknown or revoked stream key.");
    PublishPolicy.Refusal timedOut = policy.authFailed(new ReplyException(ReplyFailure.TIMEOUT, -1, "Timed out after waiting 3000(ms)"));
    assertThat(timedOut.refusal().getMessage()).isEqualTo("The stream key could not be checked; try again later.");
  }

  @Test
  void aKeyThatCannotBeCheckedIsRefusedFailClosed() {
    for (Throwable cause : new Throwable[] {
        new ReplyException(ReplyFailure.TIMEOUT, -1, "timeout"),
        new ReplyException(ReplyFailure.NO_HANDLERS, -1, "no auth role"),
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, ReplyCodes.UNAVAILABLE, "down"),
        new TimeoutException()}) {
      PublishPolicy.Refusal refusal = policy.authFailed(cause);
      assertThat(refusal.metricReason()).isEqualTo("unavailable");
      assertThat(refusal.refusal().statusCode()).isEqualTo(FAILED);
    }
  }

  @Test
  void aNameLiveElsewhereIsRefusedAndTheLivePublisherGoesOn() {
    PublishRefusedException refusal = policy.nameLive("cam1");
    assertThat(refusal.statusCode()).isEqualTo(BAD_NAME);
    assertThat(refusal.getMessage()).isEqualTo("Stream 'cam1' is already live.");
  }

  private static final long NEVER = Long.MAX_VALUE;

  @Test
  void anInterruptedStreamIsResumedWhateverTheTakeoverMode() {
    for (TakeoverMode mode : TakeoverMode.values()) {
      assertThat(new StandardPublishPolicy(mode, 1_000).onNameHeld("cam", new HeldStream(true, 0, 0)))
          .isInstanceOf(PublishPolicy.Claim.Resume.class);
    }
  }

  @Test
  void idleTakesOverASessionSilentForTheTakeoverIdleTimeButNeverOneThatSends() {
    assertThat(policy.onNameHeld("cam", new HeldStream(false, 1_000, NEVER))).isInstanceOf(PublishPolicy.Claim.TakeOver.class);
    PublishPolicy.Claim sending = policy.onNameHeld("cam", new HeldStream(false, 999, NEVER));
    assertThat(sending).isInstanceOf(PublishPolicy.Claim.Refuse.class);
    PublishRefusedException refusal = ((PublishPolicy.Claim.Refuse) sending).refusal();
    assertThat(refusal.statusCode()).isEqualTo(BAD_NAME);
    assertThat(refusal.getMessage()).isEqualTo("Stream 'cam' is already live.");
  }

  @Test
  void idleHoldsAPublishUntilTheLiveSessionHasBeenSilentForTheTakeoverIdleTime() {
    assertThat(policy.waitBeforeDecidingMs(new HeldStream(false, 300, NEVER))).as("an encoder back 300 ms after its last media")
        .isEqualTo(700);
    assertThat(policy.waitBeforeDecidingMs(new HeldStream(false, 0, NEVER))).isEqualTo(1_000);
    assertThat(policy.waitBeforeDecidingMs(new HeldStream(false, 1_000, NEVER))).as("silent long enough: decided now").isZero();
    assertThat(policy.waitBeforeDecidingMs(new HeldStream(true, 0, NEVER))).as("interrupted: resumed now").isZero();
    assertThat(new StandardPublishPolicy(TakeoverMode.ALWAYS, 1_000).waitBeforeDecidingMs(new HeldStream(false, 0, NEVER))).isZero();
    assertThat(new StandardPublishPolicy(TakeoverMode.NEVER, 1_000).waitBeforeDecidingMs(new HeldStream(false, 0, NEVER))).isZero();
  }

  @Test
  void alwaysLetsTheNewestPublisherWinAndNeverKeepsTheLiveOne() {
    assertThat(new StandardPublishPolicy(TakeoverMode.ALWAYS, 1_000).onNameHeld("cam", new HeldStream(false, 0, NEVER)))
        .isInstanceOf(PublishPolicy.Claim.TakeOver.class);
    assertThat(new StandardPublishPolicy(TakeoverMode.NEVER, 1_000).onNameHeld("cam", new HeldStream(false, 60_000, NEVER)))
        .isInstanceOf(PublishPolicy.Claim.Refuse.class);
  }

  @Test
  void aStreamIsTakenOverAtMostOncePerCooldownSoTwoEncodersCannotLoop() {
    StandardPublishPolicy always = new StandardPublishPolicy(TakeoverMode.ALWAYS, 1_000);
    long justBefore = StandardPublishPolicy.TAKEOVER_COOLDOWN_MS - 1;
    PublishPolicy.Claim again = always.onNameHeld("cam", new HeldStream(false, 5_000, justBefore));
    assertThat(again).isInstanceOf(PublishPolicy.Claim.Refuse.class);
    assertThat(((PublishPolicy.Claim.Refuse) again).refusal().getMessage()).contains("taken over less than 5 s ago");
    assertThat(always.onNameHeld("cam", new HeldStream(false, 5_000, StandardPublishPolicy.TAKEOVER_COOLDOWN_MS)))
        .isInstanceOf(PublishPolicy.Claim.TakeOver.class);
  }
}
