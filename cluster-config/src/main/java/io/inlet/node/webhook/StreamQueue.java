package io.inlet.node.webhook;

import io.vertx.core.json.JsonObject;
import java.util.TreeMap;

/**
 * One stream's events waiting for one URL, in {@code seq} order, with at most one in flight. An event
 * whose predecessor has not arrived yet is held up to the reorder wait, so events that crossed on
 * the bus still go out in order; an event at or below what was already sent is a duplicate. Not
 * thread-safe: one Vert.x context owns it.
 */
final class StreamQueue {

  /** One event waiting, with when it arrived here. */
  record Pending(JsonObject event, long seq, long arrivedMs) {}

  private final TreeMap<Long, Pending> waiting = new TreeMap<>();
  /** The highest seq taken for sending (delivered, in flight or given up); 0: none yet. */
  private long lastTaken;
  private boolean inFlight;
  private boolean ended;
  private boolean wakeUpSet;
  private long lastActivityMs;

  /** Queues {@code event}; false when its seq was already sent or is already waiting (a duplicate). */
  boolean offer(JsonObject event, long seq, long nowMs) {
    lastActivityMs = nowMs;
    if (seq <= lastTaken || waiting.containsKey(seq)) {
      return false;
    }
    waiting.put(seq, new Pending(event, seq, nowMs));
    return true;
  }

  /**
   * The event to send now, or null: one is in flight, none waits, or the first waiting one is not the
   * next seq and has waited less than {@code reorderWaitMs} for its predecessor.
   */
  Pending take(long nowMs, long reorderWaitMs) {
    if (inFlight || waiting.isEmpty()) {
      return null;
    }
    Pending head = waiting.firstEntry().getValue();
    boolean next = head.seq() == lastTaken + 1;
    if (!next && nowMs - head.arrivedMs() < reorderWaitMs) {
      return null;
    }
    waiting.pollFirstEntry();
    lastTaken = head.seq();
    inFlight = true;
    lastActivityMs = nowMs;
    if ("ended".equals(head.event().getString("type"))) {
      ended = true;
    }
    return head;
  }

  /** The highest seq this queue took or holds: what it owes the receiver goes up to it. */
  long highestSeq() {
    return waiting.isEmpty() ? lastTaken : Math.max(lastTaken, waiting.lastKey());
  }

  /** The seq of the first event waiting, or -1 when none waits. */
  long firstWaiting() {
    return waiting.isEmpty() ? -1 : waiting.firstKey();
  }

  /** Events through {@code seq} are another node's to send: this queue's next event may follow them directly. */
  void skipTo(long seq) {
    lastTaken = Math.max(lastTaken, seq);
  }

  /** When the held first event may go without its predecessor, or -1 when nothing is held. */
  long heldUntil(long reorderWaitMs) {
    if (inFlight || waiting.isEmpty()) {
      return -1;
    }
    Pending head = waiting.firstEntry().getValue();
    return head.seq() == lastTaken + 1 ? -1 : head.arrivedMs() + reorderWaitMs;
  }

  /** The event in flight was delivered or given up. */
  void finished(long nowMs) {
    inFlight = false;
    lastActivityMs = nowMs;
  }

  /** Nothing waits or flies: the queue can be forgotten once its stream ended or it sat idle long enough. */
  boolean forgettable(long nowMs, long idleMs) {
    return !inFlight && waiting.isEmpty() && (ended || nowMs - lastActivityMs >= idleMs);
  }

  int waiting() {
    return waiting.size();
  }

  /** Marks a wake-up timer as set; false when one already is (so a held queue has one timer, not one per event). */
  boolean setWakeUp() {
    if (wakeUpSet) {
      return false;
    }
    wakeUpSet = true;
    return true;
  }

  void wokeUp() {
    wakeUpSet = false;
  }
}
