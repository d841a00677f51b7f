package io.inlet.auth.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.ValidateRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AuthWebhookTest {

  @Test
  void theRequestBodyHasTheContractsFields() {
    JsonObject body = AuthWebhook.body(new ValidateRequest("live", "k3y", "10.0.0.1:5000", "rtmp://h/live", "node-a"));
    assertThat(body).isEqualTo(new JsonObject().put("type", "publish").put("app", "live").put("key", "k3y")
        .put("remoteAddress", "10.0.0.1:5000").put("tcUrl", "rtmp://h/live").put("node", "node-a"));
  }

  @Test
  void aReasonReachesThePublisherOnOneLineOfSensibleLength() {
    assertThat(AuthWebhook.reasonOf("Channel suspended.")).isEqualTo("Channel suspended.");
    assertThat(AuthWebhook.reasonOf("line one\r\nline two\u0000")).isEqualTo("line one  line two");
    assertThat(AuthWebhook.reasonOf("x".repeat(1000))).hasSize(AuthWebhook.MAX_REASON_LENGTH);
    assertThat(AuthWebhook.reasonOf(null)).isEqualTo(AuthWebhook.DENIED);
    assertThat(AuthWebhook.reasonOf("  ")).isEqualTo(AuthWebhook.DENIED);
    assertThat(AuthWebhook.reasonOf(42)).isEqualTo(AuthWebhook.DENIED);
  }
}
