package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.ingest.message.MessageType;
import io.inlet.ingest.testing.FlvPayloads;
import io.inlet.ingest.testing.IngestHarness;
import io.inlet.ingest.testing.RawRtmpClient;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node under a sustained attack: two thousand slowloris connections while a publisher works,
 * then a crowd of malformed clients; afterwards a real FFmpeg publish is ingested packet for packet
 * and the heap is back near where it started.
 */
@ExtendWith(VertxExtension.class)
class UnderFireTest {

  private static final int SLOWLORIS = 2_000;
  // The honest publisher in the middle of the attack is held to the same handshake timeout: 2 s
  // leaves it room on a busy 2-core machine, and the slow clients are still all cut.
  private static final long HEAP_SLACK = 64L * 1024 * 1024;

  @Test
  void theNodeServesThroughTheAttackAndForgetsIt(Vertx vertx, @TempDir Path dir) throws Exception {
    long heapBefore = heapAfterGc();
    try (IngestHarness ingest = new IngestHarness(vertx, Map.of("live-key", "live", "ffmpeg-key", "ffmpeg"),
        new IngestOptions().handshakeTimeoutMs(2_000).maxConnections(SLOWLORIS + 100).maxMessageSize(256 * 1024))) {
      slowlorisWhileAPublisherWorks(ingest);
      malformedCrowd(ingest);
      realPublisherStillWorks(ingest, dir);
    }
    long heapAfter = heapAfterGc();
    assertThat(heapAfter).as("heap after the attack (before: %d MB)", heapBefore >> 20)
        .isLessThan(heapBefore + HEAP_SLACK);
  }

  /** Every slow client is cut by the handshake timeout; a publish in the middle of them goes through. */
  private static void slowlorisWhileAPublisherWorks(IngestHarness ingest) throws Exception {
    List<RawRtmpClient> slow = new ArrayList<>(SLOWLORIS);
    try {
      for (int i = 0; i < SLOWLORIS / 2; i++) {
        slow.add(oneByte(ingest));
      }
      CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> publishTenFrames(ingest));
      for (int i = SLOWLORIS / 2; i < SLOWLORIS; i++) {
        slow.add(oneByte(ingest));
      }
      publish.get(10, TimeUnit.SECONDS);
      long deadline = System.currentTimeMillis() + 5_000;
      for (RawRtmpClient client : slow) {
        assertThat(client.closedByServerWithin(Math.max(1, deadline - System.currentTimeMillis())))
            .as("a slowloris connection closed by the handshake timeout").isTrue();
      }
    } finally {
      for (RawRtmpClient client : slow) {
        client.close();
      }
    }
    assertThat(ingest.verticle().metrics().closedCount(IngestMetrics.Cause.HANDSHAKE_TIMEOUT)).isEqualTo(SLOWLORIS);
  }

  private static RawRtmpClient oneByte(IngestHarness ingest) {
    try {
      RawRtmpClient client = new RawRtmpClient(ingest.port());
      client.sendRaw(new byte[] {3});
      return client;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void publishTenFrames(IngestHarness ingest) {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect().publish("live-key").awaitStatus("NetStream.Publish.Start", 5_000);
      client.video(0, FlvPayloads.avcConfig());
      for (int i = 0; i < 10; i++) {
        client.video(40L * i, FlvPayloads.avcFrame(i == 0, i, 1_000));
      }
      Await.until("ten frames", Duration.ofSeconds(5), () -> ingest.packets("live").size() == 11);
    } catch (Exception e) {
      throw new AssertionError("the publish during the slowloris attack failed", e);
    }
  }

  /** Clients that each break a different limit, all at once; every one of them is closed. */
  private static void malformedCrowd(IngestHarness ingest) throws Exception {
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      int seed = i;
      clients.add(CompletableFuture.runAsync(() -> chunkStreamSpam(ingest)));
      clients.add(CompletableFuture.runAsync(() -> oversizedMessage(ingest)));
      clients.add(CompletableFuture.runAsync(() -> noiseAfterConnect(ingest, seed)));
    }
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    assertThat(HostileClientTest.protocolErrors(ingest)).isEqualTo(75);
    // Chunk stream spam and oversized messages are limits hit; the noise may hit one too.
    assertThat(ingest.verticle().metrics().closedCount(IngestMetrics.Cause.LIMIT_EXCEEDED)).isGreaterThanOrEqualTo(50);
  }

  private static void chunkStreamSpam(IngestHarness ingest) {
    attack(ingest, client -> {
      io.netty.buffer.ByteBuf chunks = Unpooled.buffer();
      for (int csid = 64; csid < 64 + 1_000; csid++) {
        chunks.writeByte(1).writeShortLE(csid - 64);
        chunks.writeMedium(0).writeMedium(4).writeByte(MessageType.ACKNOWLEDGEMENT).writeIntLE(0).writeInt(csid);
      }
      HostileClientTest.sendUntilClosed(client, io.netty.buffer.ByteBufUtil.getBytes(chunks));
    });
  }

  private static void oversizedMessage(IngestHarness ingest) {
    attack(ingest, client -> HostileClientTest.sendUntilClosed(client,
        new byte[] {0x04, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 9, 1, 0, 0, 0}));
  }

  private static void noiseAfterConnect(IngestHarness ingest, int seed) {
    attack(ingest, client -> {
      byte[] noise = new byte[16 * 1024];
      // Chosen so that each of these seeds breaks the protocol within the first 16 KB.
      new Random(1_000 + seed).nextBytes(noise);
      HostileClientTest.sendUntilClosed(client, noise);
    });
  }

  private interface Move {
    void play(RawRtmpClient client) throws Exception;
  }

  private static void attack(IngestHarness ingest, Move move) {
    try (RawRtmpClient client = new RawRtmpClient(ingest.port()).handshake()) {
      client.connect();
      move.play(client);
      assertThat(client.closedByServerWithin(5_000)).isTrue();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** After all that, FFmpeg publishes one second of H.264 and every frame arrives, in order. */
  private static void realPublisherStillWorks(IngestHarness ingest, Path dir) throws Exception {
    Ffmpeg.run(dir.resolve("publish.log"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "1",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "flv", ingest.url("ffmpeg-key"));
    ingest.awaitEnded("ffmpeg", 10_000);
    List<MediaPacket> packets = ingest.packets("ffmpeg");
    assertThat(packets).extracting(MediaPacket::sequence)
        .containsExactlyElementsOf(LongStream.range(0, packets.size()).boxed().toList());
    assertThat(packets.get(0).kind()).isEqualTo(PacketKind.CONFIG);
    assertThat(packets).filteredOn(p -> p.track() == TrackKind.VIDEO && p.kind() == PacketKind.FRAME)
        .hasSize(25)
        .allMatch(p -> p.codec() == MediaCodec.H264)
        .extracting(MediaPacket::dts).isSorted();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
