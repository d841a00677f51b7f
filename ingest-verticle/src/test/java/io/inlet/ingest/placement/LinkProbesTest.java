package io.inlet.ingest.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.LinkProbe;
import io.inlet.testkit.Await;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest node's link probes against real event-bus consumers: a decoder that answers after 80 ms
 * (as a link of 40 ms each way would) shows as an 80 ms round trip per decode node; one that is gone
 * counts as lost; a decoder whose probe is still out gets no second one.
 */
class LinkProbesTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static DecoderReport report(String decoder, String node) {
    return new DecoderReport(node, decoder, Addresses.decoderAssign(decoder), 8, List.of());
  }

  @Test
  void eachLiveDecodersRoundTripIsRecordedByDecodeNodeAndAnUnansweredProbeIsLost() throws Exception {
    BusCodecs.register(vertx);
    vertx.eventBus().<LinkProbe>consumer(Addresses.decoderPackets("d-slow"),
        message -> vertx.setTimer(80, id -> message.reply(message.body()))).completion().await();
    DecoderDirectory directory = new DecoderDirectory(System::nanoTime);
    LinkProbes probes = new LinkProbes(vertx, directory, registry, System::nanoTime);
    vertx.runOnContext(v -> {
      directory.onReport(report("d-slow", "10.0.0.2:5701"));
      directory.onReport(report("d-gone", "10.0.0.3:5701")); // nobody listens on its packet address
      probes.probe();
      probes.probe(); // d-slow's probe is still out: not sent again
    });

    Await.until("d-slow's probe answered", Duration.ofSeconds(5), () -> timer("10.0.0.2:5701") != null
        && timer("10.0.0.2:5701").count() == 1);
    Await.until("d-gone's probe lost", Duration.ofSeconds(5),
        () -> registry.get("inlet_decoder_link_probes_lost_total").counter().count() >= 1);
    Thread.sleep(200);
    Timer slow = timer("10.0.0.2:5701");
    assertThat(slow.count()).as("one probe in flight per decoder").isEqualTo(1);
    assertThat(slow.totalTime(TimeUnit.MILLISECONDS)).isBetween(80.0, 1_000.0);
    assertThat(timer("10.0.0.3:5701")).as("a lost probe records no round trip").isNull();
  }

  private Timer timer(String decodeNode) {
    return registry.find("inlet_decoder_link_rtt_seconds").tag("decode_node", decodeNode).timer();
  }
}
