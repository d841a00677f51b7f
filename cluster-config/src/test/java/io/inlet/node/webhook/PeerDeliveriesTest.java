package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.node.webhook.DeliveryQueues.Key;
import org.junit.jupiter.api.Test;

/** What other nodes owe, without Vert.x: who must wait for whom, until when, and what is forgotten. */
class PeerDeliveriesTest {

  private static final Key KEY = new Key("http://backend/events", "stream-a");
  private static final long SILENCE = 10_000;

  @Test
  void aMovedStreamsNextEventWaitsUntilTheNodeBeforeFinishedItsEarlierOnes() {
    PeerDeliveries peers = new PeerDeliveries(SILENCE, 100);
    peers.produced(KEY, "ingest-a", 1, 0);
    peers.produced(KEY, "ingest-a", 2, 0);
    assertThat(peers.mustWait(KEY, 3, 100)).isTrue();
    assertThat(peers.handledElsewhereBefore(KEY, 3)).isEqualTo(2);

    assertThat(peers.progress(KEY, "ingest-a", 1, true, 200)).as("seq 1 finished").isTrue();
    assertThat(peers.mustWait(KEY, 3, 200)).as("seq 2 is still owed").isTrue();
    assertThat(peers.progress(KEY, "ingest-a", 2, false, 300)).as("a retry finishes nothing").isFalse();
    assertThat(peers.mustWait(KEY, 3, 300)).isTrue();
    assertThat(peers.progress(KEY, "ingest-a", 2, true, 400)).isTrue();
    assertThat(peers.mustWait(KEY, 3, 400)).isFalse();
    assertThat(peers.silentAfter(KEY)).as("nothing owed").isEqualTo(-1);
  }

  @Test
  void aSilentNodeIsTakenForGoneAfterTheBoundAndEachNoticeRenewsIt() {
    PeerDeliveries peers = new PeerDeliveries(SILENCE, 100);
    peers.produced(KEY, "ingest-a", 2, 0);
    assertThat(peers.silentAfter(KEY)).isEqualTo(SILENCE);
    peers.progress(KEY, "ingest-a", 2, false, 8_000);
    assertThat(peers.mustWait(KEY, 3, 17_999)).as("heard from at 8 s").isTrue();
    assertThat(peers.silentAfter(KEY)).isEqualTo(18_000);
    assertThat(peers.mustWait(KEY, 3, 18_000)).as("silent for the whole bound").isFalse();
  }

  @Test
  void onlyEarlierEventsAreWaitedForAndOnlyTheLastProducingNodeCounts() {
    PeerDeliveries peers = new PeerDeliveries(SILENCE, 100);
    peers.produced(KEY, "ingest-a", 5, 0);
    assertThat(peers.mustWait(KEY, 4, 0)).as("the other node's events are later than ours").isFalse();
    assertThat(peers.handledElsewhereBefore(KEY, 4)).isZero();

    peers.produced(KEY, "ingest-b", 6, 10);
    peers.produced(KEY, "ingest-a", 3, 20); // a late copy of the node the stream left: ignored
    assertThat(peers.progress(KEY, "ingest-a", 5, true, 30)).as("not the node owing now").isFalse();
    assertThat(peers.mustWait(KEY, 7, 30)).isTrue();
    peers.progress(KEY, "ingest-b", 6, true, 40);
    assertThat(peers.mustWait(KEY, 7, 40)).isFalse();
    assertThat(peers.handledElsewhereBefore(KEY, 7)).isEqualTo(6);
  }

  @Test
  void theMapIsBoundedAndOldEntriesAreSwept() {
    PeerDeliveries peers = new PeerDeliveries(SILENCE, 2);
    for (int i = 0; i < 5; i++) {
      peers.produced(new Key("u", "s" + i), "ingest-a", 1, i);
    }
    assertThat(peers.size()).isEqualTo(2);
    assertThat(peers.mustWait(new Key("u", "s0"), 2, 5)).as("forgotten first").isFalse();
    assertThat(peers.mustWait(new Key("u", "s4"), 2, 5)).isTrue();
    peers.sweep(3 + 60_000, 60_000);
    assertThat(peers.size()).isEqualTo(1);
  }
}
