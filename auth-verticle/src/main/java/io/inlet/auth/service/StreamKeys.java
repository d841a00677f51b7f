package io.inlet.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Stream key secrets: 256 random bits as 43 characters of URL-safe base64, and their hash. */
public final class StreamKeys {

  private StreamKeys() {}

  public static final int KEY_BYTES = 32;
  public static final int KEY_LENGTH = 43;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + KEY_LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** A new secret. */
  public static String generate() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether {@code key} could be one {@link #generate()} made; anything else is refused unhashed. */
  public static boolean wellFormed(String key) {
    return key != null && key.length() == KEY_LENGTH && SHAPE.matcher(key).matches();
  }

  /** Lower-case hex SHA-256 of the key's UTF-8 bytes: what the store keeps instead of the key. */
  public static String hash(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
