package io.inlet.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache a decoder joining a live stream starts from: what it keeps before and after the first decoder. */
class KeyframeCacheTest {

  private long sequence;

  private MediaPacket video(PacketKind kind, boolean keyframe, int size) {
    return new MediaPacket("cam", sequence++, TrackKind.VIDEO, MediaCodec.H264, kind, keyframe, sequence, sequence, 0,
        Buffer.buffer(new byte[size]));
  }

  private MediaPacket audio(PacketKind kind, int size) {
    return new MediaPacket("cam", sequence++, TrackKind.AUDIO, MediaCodec.AAC, kind, true, sequence, sequence, 0,
        Buffer.buffer(new byte[size]));
  }

  /** The first decoder takes the stream: it gets everything so far, numbered up to the last packet. */
  private void handOver(KeyframeCache cache) {
    List<Long> before = sequences(cache.snapshot());
    PacketBatch batch = cache.handOver("cam");
    assertThat(batch.stream()).isEqualTo("cam");
    assertThat(batch.lastSequence()).isEqualTo(sequence - 1);
    assertThat(sequences(batch.packets())).isEqualTo(before);
  }

  private static List<Long> sequences(List<MediaPacket> packets) {
    return packets.stream().map(MediaPacket::sequence).toList();
  }

  @Test
  void beforeTheFirstDecoderEveryPacketSinceTheStartIsKeptInOrder() {
    KeyframeCache cache = new KeyframeCache(100, 1 << 20);
    cache.add(video(PacketKind.CONFIG, false, 10));
    cache.add(audio(PacketKind.CONFIG, 2));
    cache.add(video(PacketKind.FRAME, true, 100));
    cache.add(video(PacketKind.FRAME, false, 50));
    cache.add(video(PacketKind.FRAME, true, 100));
    cache.add(audio(PacketKind.FRAME, 20));

    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aBatchIsNumberedUpToTheLastPacketEvenWhenThatPacketWasNotKept() {
    KeyframeCache cache = new KeyframeCache(100, 1 << 20);
    cache.add(audio(PacketKind.CONFIG, 2)); // 0
    cache.add(audio(PacketKind.FRAME, 20)); // 1
    handOver(cache);
    cache.add(audio(PacketKind.FRAME, 20)); // 2: an attached audio-only stream keeps no history

    PacketBatch later = cache.handOver("cam");
    assertThat(later.lastSequence()).isEqualTo(2);
    assertThat(sequences(later.packets())).containsExactly(0L);
  }

  @Test
  void afterTheFirstDecoderOnlyTheConfigurationAndTheLastGopRemain() {
    KeyframeCache cache = new KeyframeCache(100, 1 << 20);
    cache.add(video(PacketKind.CONFIG, false, 10)); // 0
    cache.add(audio(PacketKind.CONFIG, 2)); // 1
    cache.add(video(PacketKind.FRAME, true, 100)); // 2
    cache.add(video(PacketKind.FRAME, false, 50)); // 3
    cache.add(video(PacketKind.FRAME, true, 100)); // 4
    cache.add(audio(PacketKind.FRAME, 20)); // 5
    handOver(cache);

    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 4L, 5L);

    cache.add(video(PacketKind.FRAME, false, 50)); // 6
    cache.add(video(PacketKind.FRAME, true, 100)); // 7: a new GOP replaces the old one
    cache.add(video(PacketKind.FRAME, false, 50)); // 8
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 7L, 8L);
  }

  @Test
  void aNewSequenceHeaderReplacesTheOldOneAndAnEndRemovesIt() {
    KeyframeCache cache = new KeyframeCache(100, 1 << 20);
    cache.add(video(PacketKind.CONFIG, false, 10)); // 0
    cache.add(video(PacketKind.FRAME, true, 100)); // 1
    handOver(cache);
    cache.add(video(PacketKind.CONFIG, false, 12)); // 2
    cache.add(video(PacketKind.FRAME, true, 100)); // 3
    assertThat(sequences(cache.snapshot())).containsExactly(2L, 3L);

    cache.add(video(PacketKind.END, false, 0)); // 4
    assertThat(sequences(cache.snapshot())).containsExactly(3L);
  }

  @Test
  void anAudioOnlyStreamKeepsNoHistoryOnceADecoderHasIt() {
    KeyframeCache cache = new KeyframeCache(100, 1 << 20);
    cache.add(audio(PacketKind.CONFIG, 2)); // 0
    cache.add(audio(PacketKind.FRAME, 20)); // 1
    handOver(cache);
    cache.add(audio(PacketKind.FRAME, 20)); // 2

    assertThat(sequences(cache.snapshot())).containsExactly(0L);
  }

  @Test
  void aGopLargerThanThePacketBoundIsDroppedAndCachingResumesAtTheNextKeyframe() {
    KeyframeCache cache = new KeyframeCache(3, 1 << 20);
    cache.add(video(PacketKind.CONFIG, false, 10)); // 0
    cache.add(video(PacketKind.FRAME, true, 100)); // 1
    cache.add(video(PacketKind.FRAME, false, 50)); // 2
    cache.add(video(PacketKind.FRAME, false, 50)); // 3: the fourth packet does not fit
    assertThat(sequences(cache.snapshot())).containsExactly(0L);

    cache.add(video(PacketKind.FRAME, false, 50)); // 4: still waiting for a keyframe
    assertThat(sequences(cache.snapshot())).containsExactly(0L);

    cache.add(video(PacketKind.FRAME, true, 100)); // 5
    cache.add(video(PacketKind.FRAME, false, 50)); // 6
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 5L, 6L);
  }

  @Test
  void theByteBoundHoldsAsWellAsThePacketBound() {
    KeyframeCache cache = new KeyframeCache(1_000, 250);
    cache.add(video(PacketKind.FRAME, true, 100)); // 0
    cache.add(video(PacketKind.FRAME, false, 100)); // 1
    cache.add(video(PacketKind.FRAME, false, 100)); // 2: 300 bytes would exceed 250
    assertThat(cache.snapshot()).isEmpty();

    cache.add(video(PacketKind.FRAME, true, 200)); // 3
    assertThat(sequences(cache.snapshot())).containsExactly(3L);
    cache.add(video(PacketKind.FRAME, false, 100)); // 4: over the bound again
    assertThat(cache.snapshot()).isEmpty();
  }

  @Test
  void theNodesBudgetBoundsAllCachesTogetherAndGetsItsBytesBack() {
    CacheBudget budget = new CacheBudget(350);
    KeyframeCache first = new KeyframeCache(1_000, 1_000, budget);
    KeyframeCache second = new KeyframeCache(1_000, 1_000, budget);
    first.add(video(PacketKind.FRAME, true, 200)); // 0
    second.add(video(PacketKind.FRAME, true, 100)); // 1
    assertThat(budget.usedBytes()).isEqualTo(300);

    second.add(video(PacketKind.FRAME, false, 100)); // 2: 400 bytes would exceed the node's 350
    assertThat(second.snapshot()).as("the cache that did not fit waits for a keyframe").isEmpty();
    assertThat(sequences(first.snapshot())).containsExactly(0L);
    assertThat(budget.usedBytes()).isEqualTo(200);

    second.add(video(PacketKind.FRAME, true, 100)); // 3
    assertThat(sequences(second.snapshot())).containsExactly(3L);
    first.handOver("cam"); // a decoder attached: from now on it keeps the last GOP only
    first.add(video(PacketKind.FRAME, true, 50)); // 4: a new GOP gives the old one's bytes back
    assertThat(budget.usedBytes()).isEqualTo(150);

    first.close();
    first.add(video(PacketKind.FRAME, true, 50)); // 5: an ended stream caches nothing
    assertThat(first.snapshot()).isEmpty();
    assertThat(budget.usedBytes()).isEqualTo(100);
  }

  @Test
  void aHandOverGivesBackWhatItTrims() {
    CacheBudget budget = new CacheBudget(10_000);
    KeyframeCache cache = new KeyframeCache(1_000, 10_000, budget);
    cache.add(video(PacketKind.CONFIG, false, 10)); // 0
    cache.add(video(PacketKind.FRAME, true, 100)); // 1
    cache.add(video(PacketKind.FRAME, false, 50)); // 2
    cache.add(video(PacketKind.FRAME, true, 100)); // 3
    cache.add(video(PacketKind.FRAME, false, 50)); // 4
    handOver(cache);
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 3L, 4L);
    assertThat(budget.usedBytes()).as("the packets since the last keyframe").isEqualTo(150);
  }

  @Test
  void beforeTheFirstDecoderTheStartIsKeptForTwoGopsThenOnlyTheLastGop() {
    CacheBudget budget = new CacheBudget(10_000);
    KeyframeCache cache = new KeyframeCache(1_000, 10_000, budget);
    cache.add(video(PacketKind.CONFIG, false, 10)); // 0
    cache.add(audio(PacketKind.CONFIG, 2)); // 1
    cache.add(video(PacketKind.FRAME, true, 100)); // 2
    cache.add(audio(PacketKind.FRAME, 20)); // 3
    cache.add(video(PacketKind.FRAME, false, 50)); // 4
    cache.add(video(PacketKind.FRAME, true, 100)); // 5
    cache.add(video(PacketKind.FRAME, false, 50)); // 6
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);

    cache.add(video(PacketKind.FRAME, true, 100)); // 7: a third GOP, and still no decoder: the start is lost
    assertThat(sequences(cache.snapshot())).as("configuration, then the last GOP").containsExactly(0L, 1L, 7L);
    assertThat(budget.usedBytes()).isEqualTo(100);
    cache.add(audio(PacketKind.FRAME, 20)); // 8
    cache.add(video(PacketKind.FRAME, false, 50)); // 9
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 7L, 8L, 9L);
    handOver(cache);
    assertThat(sequences(cache.snapshot())).containsExactly(0L, 1L, 7L, 8L, 9L);
  }

  /** Blocks the pool has handed out and not had back: what a cache that forgot to free would leak. */
  private static long liveAllocations(PooledByteBufAllocator pool) {
    return pool.metric().directArenas().stream().mapToLong(PoolArenaMetric::numActiveAllocations).sum();
  }

  @Test
  void everyPayloadsMemoryIsFreedWhenItLeavesTheCacheAndAllOfItOnClose() {
    PooledByteBufAllocator pool = new PooledByteBufAllocator(true);
    KeyframeCache cache = new KeyframeCache(1_000, 10 << 20, new CacheBudget(100 << 20), new PayloadBlocks(pool));
    for (int gop = 0; gop < 4; gop++) { // the start kept, then lost at the third keyframe: freed
      cache.add(video(PacketKind.FRAME, true, 40_000)); // spans blocks
      for (int i = 0; i < 20; i++) {
        cache.add(video(PacketKind.FRAME, false, 9_000));
        cache.add(audio(PacketKind.FRAME, 400));
      }
    }
    handOver(cache); // a decoder attached: trimmed to the last GOP
    List<MediaPacket> copies = cache.snapshot();
    cache.add(video(PacketKind.FRAME, true, 50_000)); // a new GOP frees the old one
    cache.add(video(PacketKind.FRAME, false, 9_000));
    long held = cache.bytes();
    assertThat(held).isEqualTo(59_000);
    assertThat(liveAllocations(pool)).as("a block or two hold the last GOP").isBetween(1L, 3L);

    cache.close();

    assertThat(liveAllocations(pool)).isZero();
    assertThat(copies.get(copies.size() - 1).data().length()).as("what a decoder was handed outlives the cache")
        .isEqualTo(400);
  }
}
