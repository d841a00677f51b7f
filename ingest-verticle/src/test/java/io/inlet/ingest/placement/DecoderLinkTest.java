package io.inlet.ingest.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.AssignRequest;
import io.inlet.bus.Assignment;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.ReleaseStream;
import io.inlet.bus.ReplyCodes;
import io.inlet.bus.StreamDecodeReport;
import io.inlet.bus.TrackKind;
import io.inlet.testkit.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link from a stream to its decoder, against decoders that are event-bus consumers: placement,
 * the batch before live packets, failover when a decoder goes silent, rebalancing, and closing while
 * an offer is under way. The directory's clock is the test's, so silence is declared, not waited for.
 */
class DecoderLinkTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private Vertx vertx;
  private Context context;
  private final AtomicLong now = new AtomicLong();
  private final DecoderDirectory directory = new DecoderDirectory(now::get);
  private final List<String> attachments = new CopyOnWriteArrayList<>();
  private long lastSequence = -1;
  private DecoderLink link;

  /** One decoder: takes offers (or refuses them) and records what reaches its packet address. */
  private final class FakeDecoder {
    final String id;
    final String packets;
    final List<Object> received = new CopyOnWriteArrayList<>();
    final List<String> offers = new CopyOnWriteArrayList<>();
    volatile boolean refuse;

    FakeDecoder(String id, String assignAddress) {
      this.id = id;
      this.packets = "packets-" + id;
      vertx.eventBus().<AssignRequest>consumer(assignAddress, request -> {
        offers.add(request.body().stream());
        if (refuse) {
          request.fail(ReplyCodes.UNAVAILABLE, "full");
        } else {
          request.reply(new Assignment("node-" + id, id, packets));
        }
      });
      vertx.eventBus().consumer(packets, message -> received.add(message.body()));
    }

    void report(String... streams) {
      List<StreamDecodeReport> list = java.util.Arrays.stream(streams)
          .map(s -> new StreamDecodeReport(s, "node-" + id, 0, null, null, StreamDecodeReport.Counters.NONE)).toList();
      onContext(() -> directory.onReport(new DecoderReport("node-" + id, id, Addresses.decoderAssign(id), 8, list)));
    }
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx);
    context = vertx.getOrCreateContext();
    Supplier<PacketBatch> snapshots = () -> new PacketBatch("cam", lastSequence, List.of());
    link = new DecoderLink(vertx, directory, () -> new AssignRequest("cam", "id-1", 1), snapshots,
        (node, previous, moved) -> attachments.add(node + (moved ? " moved from " + previous : "")), now::get);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the link's event loop (the link is confined to it) and waits for it. */
  private void onContext(Runnable action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable failure) {
        done.completeExceptionally(failure);
      }
    });
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static MediaPacket packet(long sequence) {
    return new MediaPacket("cam", sequence, TrackKind.VIDEO, MediaCodec.H264, PacketKind.FRAME, false, sequence, sequence, 0,
        Buffer.buffer(new byte[] {1}));
  }

  private void send(long sequence) {
    onContext(() -> {
      lastSequence = sequence;
      link.send(packet(sequence));
    });
  }

  @Test
  void beforeAnyReportTheStreamIsOfferedOnTheSharedAddressAndTheBatchPrecedesLivePackets() throws Exception {
    FakeDecoder decoder = new FakeDecoder("a", Addresses.DECODE_ASSIGN);
    send(0); // not placed yet: nothing is sent
    onContext(link::place);
    Await.until("attached", WAIT, () -> !attachments.isEmpty());
    send(1);
    send(2);

    Await.until("packets received", WAIT, () -> decoder.received.size() == 3);
    assertThat(decoder.offers).containsExactly("cam");
    assertThat(decoder.received.get(0)).isInstanceOf(PacketBatch.class);
    assertThat(((PacketBatch) decoder.received.get(0)).lastSequence()).isEqualTo(0);
    assertThat(decoder.received.subList(1, 3)).extracting(p -> ((MediaPacket) p).sequence()).containsExactly(1L, 2L);
    assertThat(attachments).containsExactly("node-a");
  }

  @Test
  void aDecoderThatGoesSilentLosesTheStreamToAnotherWhichStartsFromTheCache() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.decoderAssign("a"));
    a.report();
    onContext(link::place);
    Await.until("attached to a", WAIT, () -> attachments.contains("node-a"));
    send(5);
    FakeDecoder b = new FakeDecoder("b", Addresses.decoderAssign("b"));
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(DecoderDirectory.SILENCE_MS / 2));
    b.report();
    a.report("cam");
    onContext(link::check);
    assertThat(attachments).hasSize(1); // a still reports in time: the stream stays

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(DecoderDirectory.SILENCE_MS + 1));
    b.report(); // b is heard from, a is not
    onContext(link::check);

    Await.until("moved to b", WAIT, () -> attachments.size() == 2);
    assertThat(attachments.get(1)).isEqualTo("node-b moved from node-a");
    Await.until("batch at b", WAIT, () -> !b.received.isEmpty());
    assertThat(((PacketBatch) b.received.get(0)).lastSequence()).isEqualTo(5);
    send(6);
    Await.until("live packet at b", WAIT, () -> b.received.size() == 2);
    assertThat(a.received).hasSize(2); // its batch and packet 5: nothing after it was lost
  }

  @Test
  void aDecoderThatNoLongerListsTheStreamLosesIt() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.decoderAssign("a"));
    FakeDecoder b = new FakeDecoder("b", Addresses.decoderAssign("b"));
    a.report();
    b.report("x", "y"); // busier: a is picked
    onContext(link::place);
    Await.until("attached to a", WAIT, () -> attachments.contains("node-a"));

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(DecoderLink.REPORT_GRACE_MS + 1));
    a.report(); // alive, but without the stream past the grace period
    b.report("x", "y");
    onContext(link::check);

    Await.until("moved to b", WAIT, () -> attachments.size() == 2);
    assertThat(attachments.get(1)).isEqualTo("node-b moved from node-a");
  }

  @Test
  void aRefusedOfferGoesToTheNextDecoderAtOnce() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.decoderAssign("a"));
    FakeDecoder b = new FakeDecoder("b", Addresses.decoderAssign("b"));
    a.refuse = true;
    a.report();
    b.report("x"); // a is the least loaded, but full
    onContext(link::place);

    Await.until("attached to b", WAIT, () -> attachments.contains("node-b"));
    assertThat(a.offers).containsExactly("cam");
    assertThat(b.offers).containsExactly("cam");
  }

  @Test
  void rebalancingHandsTheStreamOverAndReleasesTheOldDecoder() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.decoderAssign("a"));
    a.report();
    onContext(link::place);
    Await.until("attached to a", WAIT, () -> attachments.contains("node-a"));
    FakeDecoder b = new FakeDecoder("b", Addresses.decoderAssign("b"));
    b.report();
    DecoderDirectory.Decoder target = directory.pick(java.util.Set.of("a")).orElseThrow();

    onContext(() -> link.moveTo(target));

    Await.until("moved to b", WAIT, () -> attachments.size() == 2);
    Await.until("a released", WAIT, () -> a.received.stream().anyMatch(ReleaseStream.class::isInstance));
    assertThat(link.decoderId()).isEqualTo("b");
    send(9);
    Await.until("packet at b", WAIT, () -> b.received.size() == 2);
    assertThat(a.received).noneMatch(MediaPacket.class::isInstance);
  }

  @Test
  void aStreamThatEndsWhileItIsOfferedStillHandsItsDecoderTheBatchBeforeItSettles() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.DECODE_ASSIGN);
    List<String> settled = new CopyOnWriteArrayList<>();
    onContext(() -> {
      link.place();
      lastSequence = 3;
      link.close(() -> settled.add("settled after " + a.received.size()));
    });

    Await.until("settled", WAIT, () -> !settled.isEmpty());
    Await.until("batch", WAIT, () -> a.received.size() == 1);
    assertThat(((PacketBatch) a.received.get(0)).lastSequence()).isEqualTo(3);
    send(4);
    assertThat(link.attached()).isFalse();
  }

  @Test
  void packetsInFlightCountFromWhatTheDecoderLastReported() throws Exception {
    FakeDecoder a = new FakeDecoder("a", Addresses.decoderAssign("a"));
    a.report();
    lastSequence = 10;
    onContext(link::place);
    Await.until("attached", WAIT, () -> !attachments.isEmpty());
    onContext(() -> assertThat(link.inFlight(25)).isEqualTo(15)); // nothing reported yet: from the batch
    List<StreamDecodeReport> progress = List.of(new StreamDecodeReport("cam", "node-a", 20, null, null, StreamDecodeReport.Counters.NONE));
    onContext(() -> directory.onReport(new DecoderReport("node-a", "a", Addresses.decoderAssign("a"), 8, progress)));
    onContext(() -> assertThat(link.inFlight(25)).isEqualTo(5));
  }
}
