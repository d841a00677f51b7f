package io.inlet.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.ReplyCodes;
import io.inlet.ingest.session.PublishRefusedException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Inlet's publish rules, decided without I/O. */
class ExclusivePublishPolicyTest {

  private static final String BAD_NAME = "NetStream.Publish.BadName";
  private static final String FAILED = "NetStream.Publish.Failed";

  private final ExclusivePublishPolicy policy = new ExclusivePublishPolicy();

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
}
