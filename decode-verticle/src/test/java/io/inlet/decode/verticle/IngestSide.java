package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.inlet.bus.AssignRequest;
import io.inlet.bus.Assignment;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.IngestedStream;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.SnapshotRequest;
import io.inlet.bus.StreamDecodeReport;
import io.inlet.bus.StreamEvent;
import io.inlet.decode.testing.BusPackets;
import io.inlet.testkit.Demuxed;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test's stand-in for the ingest side and the stream directory, on the event bus: deploys the
 * decode role as {@code Node} does, asks it for decoders, sends it streams and reads its reports.
 */
final class IngestSide {

  static final String NODE = "decode-test-node";

  private final Vertx vertx;

  IngestSide(Vertx vertx) {
    this.vertx = vertx;
    BusCodecs.register(vertx);
  }

  /** One decode verticle instance, a worker on the named pool, taking at most {@code maxStreams}. */
  Future<String> deploy(int maxStreams) {
    DecodeOptions options = new DecodeOptions().nodeId(NODE).maxStreams(maxStreams);
    return vertx.deployVerticle(() -> new DecodeVerticle(), new DeploymentOptions()
        .setConfig(options.toJson())
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(DecodeOptions.WORKER_POOL)
        .setWorkerPoolSize(1));
  }

  /** Asks for a decoder; its reply: where and how to send the stream. */
  Future<Assignment> assign(String name) {
    return assign(name, 1);
  }

  /** Asks for a decoder for publisher session {@code publishes} of stream {@code name}. */
  Future<Assignment> assign(String name, int publishes) {
    return vertx.eventBus().<Assignment>request(Addresses.DECODE_ASSIGN, new AssignRequest(name, idOf(name), publishes))
        .map(reply -> {
          if (!NODE.equals(reply.body().decodeNode())) {
            throw new AssertionError("assign reply names another decode node: " + reply.body());
          }
          return reply.body();
        });
  }

  /**
   * What the ingest side sends a new decoder: its cache as one batch (the first {@code cached}
   * packets), then every later packet live, then the end of each track.
   */
  void sendStream(Assignment assignment, String name, int cached, Demuxed video, Demuxed audio) {
    BusPackets bus = new BusPackets(name);
    List<MediaPacket> packets = new ArrayList<>(bus.track(MediaCodec.H264, video, 0, now()));
    packets.addAll(bus.track(MediaCodec.AAC, audio, 0, now()));
    packets.add(bus.end(MediaCodec.H264, now()));
    packets.add(bus.end(MediaCodec.AAC, now()));
    List<MediaPacket> cache = packets.subList(0, cached);
    String address = assignment.address();
    DeliveryOptions tagged = assignment.deliveryOptions();
    vertx.eventBus().send(address, new PacketBatch(name, cache.get(cache.size() - 1).sequence(), cache), tagged);
    packets.subList(cached, packets.size()).forEach(packet -> vertx.eventBus().send(address, packet, tagged));
  }

  /** The first decode report of stream {@code name} that satisfies {@code until}. */
  Future<StreamDecodeReport> streamReport(String name, Predicate<StreamDecodeReport> until) {
    return report(streams -> streams.stream().anyMatch(s -> name.equals(s.name()) && until.test(s)))
        .map(streams -> streams.stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow());
  }

  /** The streams of the first decode report (from this node) that satisfies {@code until}. */
  Future<List<StreamDecodeReport>> report(Predicate<List<StreamDecodeReport>> until) {
    Promise<List<StreamDecodeReport>> found = Promise.promise();
    MessageConsumer<DecoderReport> consumer = vertx.eventBus().consumer(Addresses.DECODE_STATS);
    consumer.handler(message -> {
      if (!NODE.equals(message.body().decodeNode())) {
        return;
      }
      List<StreamDecodeReport> streams = message.body().streams();
      if (until.test(streams) && found.tryComplete(streams)) {
        consumer.unregister();
      }
    });
    return found.future();
  }

  /** The stream's latest frame as JPEG, from its decoder. */
  Future<Buffer> snapshot(String name) {
    return vertx.eventBus().<Buffer>request(Addresses.streamSnapshot(name), new SnapshotRequest(name), new DeliveryOptions().setSendTimeout(3_000))
        .map(reply -> reply.body());
  }

  void ended(String name) {
    IngestedStream stream = new IngestedStream(idOf(name), name, "live", IngestedStream.LIVE, 1, null, null, null, NODE, null,
        null, null, null);
    vertx.eventBus().publish(Addresses.STREAM_EVENTS, StreamEvent.ended(stream, 2, java.time.Instant.now(), "the test ended it").toJson());
  }

  /** The id the test gives stream {@code name}: one stream per name here. */
  static String idOf(String name) {
    return "id-of-" + name;
  }

  private static long now() {
    return System.currentTimeMillis() * 1000;
  }
}
