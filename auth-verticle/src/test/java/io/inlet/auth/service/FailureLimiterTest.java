package io.inlet.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final FailureLimiter limiter = new FailureLimiter(3, 60_000, 300_000, 100, now::get);

  @Test
  void blocksAHostAfterTheLimitUntilTheBlockEnds() {
    assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
    assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
    assertThat(limiter.isBlocked("10.0.0.1")).isFalse();
    assertThat(limiter.recordFailure("10.0.0.1")).isTrue();
    assertThat(limiter.isBlocked("10.0.0.1")).isTrue();
    assertThat(limiter.isBlocked("10.0.0.2")).isFalse();

    now.addAndGet(299_999);
    assertThat(limiter.isBlocked("10.0.0.1")).isTrue();
    now.addAndGet(1);
    assertThat(limiter.isBlocked("10.0.0.1")).isFalse();
    assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    limiter.recordFailure("h");
    limiter.recordFailure("h");
    now.addAndGet(60_000);
    assertThat(limiter.recordFailure("h")).isFalse();
    assertThat(limiter.recordFailure("h")).isFalse();
    assertThat(limiter.recordFailure("h")).isTrue();
  }

  @Test
  void tracksABoundedNumberOfHosts() {
    for (int i = 0; i < 1000; i++) {
      limiter.recordFailure("10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.trackedHosts()).isEqualTo(100);
  }

  @Test
  void zeroTurnsBlockingOffAndNoHostIsNeverBlocked() {
    FailureLimiter off = new FailureLimiter(0, 60_000, 300_000, 100, now::get);
    for (int i = 0; i < 50; i++) {
      assertThat(off.recordFailure("h")).isFalse();
      assertThat(limiter.recordFailure(null)).isFalse();
    }
    assertThat(off.isBlocked("h")).isFalse();
    assertThat(limiter.isBlocked(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1:50312 | 127.0.0.1",
      "127.0.0.1       | 127.0.0.1",
      "[::1]:1935      | ::1",
      "[fe80::1]       | fe80::1",
      "fe80::1         | fe80::1",
      "example.org:80  | example.org"})
  void hostOfStripsThePort(String address, String host) {
    assertThat(FailureLimiter.hostOf(address)).isEqualTo(host);
  }

  @Test
  void hostOfNothingIsNull() {
    assertThat(FailureLimiter.hostOf(null)).isNull();
    assertThat(FailureLimiter.hostOf(" ")).isNull();
  }
}
