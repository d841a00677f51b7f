package io.inlet.auth.webhook;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code X-Inlet-Signature: sha256=<hex HMAC-SHA256(secret, raw
 * body)>}, so a receiver can tell Inlet's requests from anyone else's. Computed over the exact bytes
 * sent; a receiver must verify the raw body, before parsing it.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Inlet-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The header's value for {@code body}: {@code sha256=} and the lower-case hex HMAC. */
  public static String of(String secret, Buffer body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
