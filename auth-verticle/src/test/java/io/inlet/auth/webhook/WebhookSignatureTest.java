package io.inlet.auth.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** HMAC-SHA256 of the raw body, with the vectors of RFC 4231. */
class WebhookSignatureTest {

  @Test
  void rfc4231TestCase2() {
    assertThat(WebhookSignature.of("Jefe", Buffer.buffer("what do ya want for nothing?")))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void anyChangeOfTheBodyChangesTheSignature() {
    String signed = WebhookSignature.of("s3cret", Buffer.buffer("{\"type\":\"publish\"}"));
    assertThat(WebhookSignature.of("s3cret", Buffer.buffer("{\"type\":\"publish\" }"))).isNotEqualTo(signed);
    assertThat(WebhookSignature.of("other", Buffer.buffer("{\"type\":\"publish\"}"))).isNotEqualTo(signed);
  }
}
