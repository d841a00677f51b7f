package io.inlet.node.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The admin API's bearer token, held only as its SHA-256 hash, compared in constant time. A node with
 * no token (none given, none in its data dir) refuses every admin call.
 */
public final class AdminToken {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] hash;

  private AdminToken(byte[] hash) {
    this.hash = hash;
  }

  public static AdminToken ofToken(String token) {
    return new AdminToken(sha256(token));
  }

  public static AdminToken ofHashHex(String hex) {
    return new AdminToken(HexFormat.of().parseHex(hex.trim()));
  }

  /** A token that matches nothing. */
  public static AdminToken none() {
    return new AdminToken(null);
  }

  /** A fresh 256-bit token in URL-safe text. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String hashHex() {
    return hash == null ? "" : HexFormat.of().formatHex(hash);
  }

  public boolean isConfigured() {
    return hash != null;
  }

  /** Whether {@code presented} is the token, in time independent of where they differ. */
  public boolean matches(String presented) {
    if (hash == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(hash, sha256(presented));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
