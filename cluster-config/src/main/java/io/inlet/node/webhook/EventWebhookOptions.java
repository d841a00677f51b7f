package io.inlet.node.webhook;

import java.util.List;

/**
 * The event webhook's settings: where events go, how requests are signed and timed, and the delivery
 * rules of the contract (retry with backoff for up to 5 minutes, at most 10,000 queued events per
 * node). Tests shorten the backoff; the node uses {@link #of}.
 *
 * @param urls every event is POSTed to each of them
 * @param secret signs every request ({@code X-Inlet-Signature}); null: unsigned
 * @param timeoutMs one request's limit
 * @param maxQueued most events waiting or in flight on this node, all URLs together; a new one beyond is dropped
 * @param firstBackoffMs the wait before the first retry; it doubles with each further retry
 * @param maxBackoffMs the longest wait between two attempts
 * @param retryForMs how long after its first attempt an event is retried before it is dropped
 * @param reorderWaitMs how long an event whose predecessor has not arrived waits for it before it is sent anyway
 * @param trustedCaPem a PEM file of the CAs that https URLs are verified against; null: the JVM's default CAs
 */
public record EventWebhookOptions(List<String> urls, String secret, long timeoutMs, int maxQueued, long firstBackoffMs,
    long maxBackoffMs, long retryForMs, long reorderWaitMs, String trustedCaPem) {

  /** The contract's bound: beyond it a new event is dropped and counted. */
  public static final int DEFAULT_MAX_QUEUED = 10_000;
  public static final long DEFAULT_FIRST_BACKOFF_MS = 500;
  public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;
  /** The contract's 5 minutes. */
  public static final long DEFAULT_RETRY_FOR_MS = 5 * 60_000;
  public static final long DEFAULT_REORDER_WAIT_MS = 2_000;

  public EventWebhookOptions {
    urls = List.copyOf(urls);
    if (timeoutMs <= 0 || maxQueued <= 0 || firstBackoffMs <= 0 || maxBackoffMs < firstBackoffMs || retryForMs <= 0
        || reorderWaitMs < 0) {
      throw new IllegalArgumentException("event webhook limits must be positive (and the longest backoff at least the first)");
    }
  }

  /** The contract's delivery rules for {@code urls}, signed with {@code secret} (null: unsigned). */
  public static EventWebhookOptions of(List<String> urls, String secret, long timeoutMs) {
    return new EventWebhookOptions(urls, secret, timeoutMs, DEFAULT_MAX_QUEUED, DEFAULT_FIRST_BACKOFF_MS,
        DEFAULT_MAX_BACKOFF_MS, DEFAULT_RETRY_FOR_MS, DEFAULT_REORDER_WAIT_MS, null);
  }

  /** The same, with another backoff (tests: seconds instead of minutes). */
  public EventWebhookOptions withRetries(long firstBackoffMs, long maxBackoffMs, long retryForMs) {
    return new EventWebhookOptions(urls, secret, timeoutMs, maxQueued, firstBackoffMs, maxBackoffMs, retryForMs, reorderWaitMs,
        trustedCaPem);
  }

  public EventWebhookOptions withMaxQueued(int maxQueued) {
    return new EventWebhookOptions(urls, secret, timeoutMs, maxQueued, firstBackoffMs, maxBackoffMs, retryForMs, reorderWaitMs,
        trustedCaPem);
  }

  /** The same, verifying https URLs against the CAs of {@code trustedCaPem} (null: the JVM's default CAs). */
  public EventWebhookOptions withTrustedCa(String trustedCaPem) {
    return new EventWebhookOptions(urls, secret, timeoutMs, maxQueued, firstBackoffMs, maxBackoffMs, retryForMs, reorderWaitMs,
        trustedCaPem);
  }
}
