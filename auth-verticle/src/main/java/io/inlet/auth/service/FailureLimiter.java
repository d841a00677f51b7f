package io.inlet.auth.service;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts refused validations per remote host in a sliding window; a host that reaches the limit is
 * blocked for a while. Tracks at most {@code maxHosts} hosts, forgetting the least recently seen.
 * Not thread-safe: used from one event-loop context.
 */
public final class FailureLimiter {

  public static final int DEFAULT_MAX_HOSTS = 10_000;

  private final int maxFailures;
  private final long windowMs;
  private final long blockMs;
  private final LongSupplier clockMs;
  private final Map<String, Host> hosts;

  private static final class Host {
    final ArrayDeque<Long> failures = new ArrayDeque<>();
    long blockedUntil;
  }

  /**
   * @param maxFailures failures within the window that block a host; 0 or less turns blocking off
   */
  public FailureLimiter(int maxFailures, long windowMs, long blockMs, int maxHosts, LongSupplier clockMs) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.blockMs = blockMs;
    this.clockMs = clockMs;
    this.hosts = new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Host> eldest) {
        return size() > maxHosts;
      }
    };
  }

  /** Whether attempts from this host are refused right now. */
  public boolean isBlocked(String host) {
    Host state = host == null ? null : hosts.get(host);
    if (state == null || state.blockedUntil == 0) {
      return false;
    }
    if (clockMs.getAsLong() < state.blockedUntil) {
      return true;
    }
    hosts.remove(host);
    return false;
  }

  /** Counts one refused attempt; returns whether the host is now blocked. */
  public boolean recordFailure(String host) {
    if (host == null || maxFailures <= 0) {
      return false;
    }
    long now = clockMs.getAsLong();
    Host state = hosts.computeIfAbsent(host, h -> new Host());
    while (!state.failures.isEmpty() && state.failures.peekFirst() <= now - windowMs) {
      state.failures.pollFirst();
    }
    state.failures.addLast(now);
    if (state.failures.size() >= maxFailures) {
      state.failures.clear();
      state.blockedUntil = now + blockMs;
      return true;
    }
    return false;
  }

  public int trackedHosts() {
    return hosts.size();
  }

  /**
   * The host part of a remote address: {@code 10.0.0.1:5000} gives {@code 10.0.0.1},
   * {@code [::1]:5000} gives {@code ::1}; a bare IPv6 address or host is kept whole. Null for none.
   */
  public static String hostOf(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return null;
    }
    String address = remoteAddress.trim();
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      return close > 0 ? address.substring(1, close) : address;
    }
    int colon = address.indexOf(':');
    if (colon >= 0 && colon == address.lastIndexOf(':')) {
      return address.substring(0, colon);
    }
    return address;
  }
}
