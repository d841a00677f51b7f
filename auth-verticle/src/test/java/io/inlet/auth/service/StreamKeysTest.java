package io.inlet.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamKeysTest {

  @Test
  void generatesDistinctUrlSafeKeysOf256Bits() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String key = StreamKeys.generate();
      assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]{43}");
      assertThat(StreamKeys.wellFormed(key)).isTrue();
      seen.add(key);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void hashIsLowerHexSha256() {
    // SHA-256("abc") from FIPS 180-2.
    assertThat(StreamKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void refusesMalformedKeysWithoutHashing() {
    assertThat(StreamKeys.wellFormed(null)).isFalse();
    assertThat(StreamKeys.wellFormed("")).isFalse();
    assertThat(StreamKeys.wellFormed("a".repeat(42))).isFalse();
    assertThat(StreamKeys.wellFormed("a".repeat(44))).isFalse();
    assertThat(StreamKeys.wellFormed("a".repeat(42) + "=")).isFalse();
    assertThat(StreamKeys.wellFormed("a".repeat(42) + "+")).isFalse();
  }
}
