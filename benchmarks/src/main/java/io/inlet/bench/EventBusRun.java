package io.inlet.bench;

import io.inlet.bus.BusCodecs;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.inlet.cluster.HazelcastClusterFactory;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/bench eventbus [N]}: (1) MediaPacket throughput between two clustered Vert.x instances in
 * this JVM (Hazelcast TCP on 127.0.0.1:15751-15752, Inlet's binary codec), point to point, a 3 Mbit/s-like
 * mix (12 KB video, 400 B audio, 2:3), flow-controlled by a request/reply per window; (2) an ingest-only
 * node under N publishers; (3) an ingest node and a decode node (two child JVMs, clustered) under the
 * same N publishers: the ingest node's CPU per stream it forwards to the remote decoder, against (2).
 */
final class EventBusRun {

  static final String MEDIA = "bench.eventbus.media";
  static final String ACK = "bench.eventbus.ack";
  private static final int WINDOW = 256;
  private static final int WINDOWS_IN_FLIGHT = 4;
  private static final int THROUGHPUT_SECONDS = 20;
  private static final List<String> MEMBERS = List.of("127.0.0.1:15751", "127.0.0.1:15752");

  private EventBusRun() {}

  static void run(int n, int seconds) throws Exception {
    throughput();
    Path clip = Media.CLIP_10S.path();
    Path work = Files.createTempDirectory("inlet-bench-eventbus");
    System.out.printf("%n== eventbus (2): ingest-only node (roles ingest,auth), %d publishers, %d s%n", n, seconds);
    ServerLoad alone = PeersRun.inlet(clip, n, seconds, work);
    alone.print();
    System.out.printf("%n== eventbus (3): ingest node (ingest,auth) + decode node (decode), two JVMs clustered over"
        + " Hazelcast TCP 127.0.0.1:15751-15752, %d publishers to the ingest node, %d s%n", n, seconds);
    ServerLoad forwarding = RemoteDecode.measure(clip, n, seconds, work, MEMBERS);
    System.out.printf("%n== eventbus summary: ingest node CPU per stream, decoding remote %.2f%% of one core vs no"
            + " decoding %.2f%% (+%.2f points for forwarding); RSS per stream %.2f vs %.2f MB%n",
        forwarding.cpuPerStream(), alone.cpuPerStream(), forwarding.cpuPerStream() - alone.cpuPerStream(),
        forwarding.rssPerStreamMb(), alone.rssPerStreamMb());
  }

  private static void throughput() throws Exception {
    System.out.printf("== eventbus (1): two clustered Vert.x instances in one JVM (Hazelcast TCP %s), MediaPacket"
        + " with BusCodecs' binary codec, point to point, windows of %d with a request/reply, %d in flight, %d s%n",
        MEMBERS, WINDOW, WINDOWS_IN_FLIGHT, THROUGHPUT_SECONDS);
    Vertx producer = clustered(15751);
    Vertx consumer = clustered(15752);
    try {
      AtomicLong packets = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      consumer.eventBus().<MediaPacket>consumer(MEDIA, m -> {
        packets.incrementAndGet();
        bytes.addAndGet(m.body().data().length());
      });
      consumer.eventBus().<Long>consumer(ACK, m -> m.reply(m.body()));
      Thread.sleep(2000); // the consumers' registrations reach the other member
      Buffer video = Buffer.buffer(new byte[12_000]);
      Buffer audio = Buffer.buffer(new byte[400]);
      Context context = producer.getOrCreateContext();
      AtomicLong sequence = new AtomicLong();
      long stopAt = System.nanoTime() + (THROUGHPUT_SECONDS + 5) * 1_000_000_000L;
      for (int w = 0; w < WINDOWS_IN_FLIGHT; w++) {
        context.runOnContext(v -> window(producer, sequence, video, audio, stopAt));
      }
      Thread.sleep(5000); // warm-up
      long p0 = packets.get();
      long b0 = bytes.get();
      long t0 = System.nanoTime();
      long cpu0 = Machine.selfTicks();
      Machine.CpuTicks machine0 = Machine.cpuTicks();
      Thread.sleep(THROUGHPUT_SECONDS * 1000L);
      double s = (System.nanoTime() - t0) / 1e9;
      double rate = (packets.get() - p0) / s;
      double mb = (bytes.get() - b0) / s / 1e6;
      double jvm = (Machine.selfTicks() - cpu0) / (s * Machine.TICKS_PER_SECOND);
      double machine = Machine.cpuTicks().busyCoresSince(machine0, Runtime.getRuntime().availableProcessors());
      System.out.printf("eventbus throughput: %,.0f packets/s, %.1f MB/s of payload (= %.0f streams of 3 Mbit/s"
              + " video + 128 kbit/s audio); this JVM (both members) %.2f cores, everything else %.2f; load %s%n",
          rate, mb, mb / 0.39, jvm, Math.max(0, machine - jvm), Machine.loadAverage());
    } finally {
      producer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      consumer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Sends one window (2 video : 3 audio) and a request; on its reply, the next window. */
  private static void window(Vertx vertx, AtomicLong sequence, Buffer video, Buffer audio, long stopAt) {
    if (System.nanoTime() > stopAt) {
      return;
    }
    for (int i = 0; i < WINDOW; i++) {
      long seq = sequence.getAndIncrement();
      boolean isVideo = seq % 5 == 0 || seq % 5 == 3;
      vertx.eventBus().send(MEDIA, new MediaPacket("bench", seq, isVideo ? TrackKind.VIDEO : TrackKind.AUDIO,
          isVideo ? MediaCodec.H264 : MediaCodec.AAC, PacketKind.FRAME, isVideo && seq % 300 == 0, seq * 33,
          seq * 33, System.nanoTime(), isVideo ? video : audio));
    }
    vertx.eventBus().<Long>request(ACK, sequence.get())
        .onComplete(reply -> window(vertx, sequence, video, audio, stopAt));
  }

  private static Vertx clustered(int port) throws Exception {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1").setPort(0);
    Vertx vertx = Vertx.builder().with(options).withClusterManager(HazelcastClusterFactory.tcp("127.0.0.1", port, MEMBERS))
        .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    BusCodecs.register(vertx);
    return vertx;
  }
}
