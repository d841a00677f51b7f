package io.inlet.node.webhook;

import io.inlet.node.webhook.DeliveryQueues.Key;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What other nodes still owe a receiver, per (URL, stream): the events of a stream that another
 * ingest node produced (every node sees every event on the bus) and how far that node's delivery
 * got (its {@code WebhookProgress} notices). When a publisher's reconnect moves a stream to this
 * node, this node's first events of it wait here until the node before it finished the earlier ones
 * (delivered or dropped), so a failing receiver cannot make a later event overtake an earlier one.
 *
 * <p>The wait is bounded: a node that is silent for {@code silenceMs} (it sends a notice at every
 * attempt, and attempts are at most the longest backoff apart) is taken for gone with its queue, and
 * this node goes on. Only the last producing node is remembered per key: that node itself waited for
 * the one before it. At most {@code maxEntries} keys are kept, the least recently used forgotten first. Not
 * thread-safe: one Vert.x context owns it.
 */
final class PeerDeliveries {

  /** The last other node that produced events of a key, and how far its delivery got. */
  private static final class Owed {
    final String node;
    long producedThrough;
    long finishedThrough;
    long heardMs;

    Owed(String node, long heardMs) {
      this.node = node;
      this.heardMs = heardMs;
    }
  }

  private final long silenceMs;
  private final Map<Key, Owed> owed;

  PeerDeliveries(long silenceMs, int maxEntries) {
    this.silenceMs = silenceMs;
    // In access order: a stream whose events keep coming stays, the one heard of least recently goes first.
    this.owed = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Owed> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** Another node produced event {@code seq} of {@code key}'s stream: it owes its delivery. */
  void produced(Key key, String node, long seq, long nowMs) {
    Owed entry = owed.get(key);
    if (entry == null || !entry.node.equals(node)) {
      if (entry != null && seq < entry.producedThrough) {
        return; // an older event of a node the stream already left
      }
      entry = new Owed(node, nowMs);
      owed.put(key, entry);
    }
    entry.producedThrough = Math.max(entry.producedThrough, seq);
    entry.heardMs = nowMs;
  }

  /** Another node reported on its delivery of event {@code seq}; true when that finished it. */
  boolean progress(Key key, String node, long seq, boolean finished, long nowMs) {
    Owed entry = owed.get(key);
    if (entry == null || !entry.node.equals(node)) {
      return false;
    }
    entry.heardMs = nowMs;
    if (finished && seq > entry.finishedThrough) {
      entry.finishedThrough = seq;
      return true;
    }
    return false;
  }

  /**
   * True while an event before {@code seq} is still owed by a node heard from within the silence
   * bound: this node's event {@code seq} must wait.
   */
  boolean mustWait(Key key, long seq, long nowMs) {
    Owed entry = owed.get(key);
    return entry != null && entry.producedThrough < seq && entry.finishedThrough < entry.producedThrough
        && nowMs - entry.heardMs < silenceMs;
  }

  /** When the owing node counts as gone if it stays silent, or -1 when nothing is owed. */
  long silentAfter(Key key) {
    Owed entry = owed.get(key);
    return entry == null || entry.finishedThrough >= entry.producedThrough ? -1 : entry.heardMs + silenceMs;
  }

  /**
   * The highest seq below {@code seq} another node produced: those events are delivered there, so
   * this node need not wait for them to arrive here. 0 when none.
   */
  long handledElsewhereBefore(Key key, long seq) {
    Owed entry = owed.get(key);
    return entry == null || entry.producedThrough >= seq ? 0 : entry.producedThrough;
  }

  /** Forgets what was heard of longer ago than {@code idleMs}: streams long gone. */
  void sweep(long nowMs, long idleMs) {
    owed.values().removeIf(entry -> nowMs - entry.heardMs >= idleMs);
  }

  int size() {
    return owed.size();
  }
}
