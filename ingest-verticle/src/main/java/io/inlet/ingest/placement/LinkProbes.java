package io.inlet.ingest.placement;

import io.inlet.bus.Addresses;
import io.inlet.bus.LinkProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Measures the link from this ingest node to each live decoder: once a second a {@link LinkProbe}
 * goes to the decoder's packet address, behind the media already sent there, and the decoder answers
 * it. The round trip, timed on this node's clock only (no two machines' clocks are compared), is
 * recorded in {@code inlet_decoder_link_rtt_seconds{decode_node}}: a slow or lossy network between
 * machines (delay, TCP retransmissions) and a decoder's backlog show there, while a packet's own
 * decode latency, which crosses machines as an age, does not count the time on the wire. A probe not
 * answered within the timeout counts in {@code inlet_decoder_link_probes_lost_total}. At most one probe
 * per decoder is in flight. Event-loop confined.
 */
public final class LinkProbes {

  static final long TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final DecoderDirectory decoders;
  private final MeterRegistry registry;
  private final LongSupplier nanos;
  private final Counter lost;
  private final Set<String> inFlight = new HashSet<>();

  public LinkProbes(Vertx vertx, DecoderDirectory decoders, MeterRegistry registry, LongSupplier nanos) {
    this.vertx = vertx;
    this.decoders = decoders;
    this.registry = registry;
    this.nanos = nanos;
    this.lost = Counter.builder("inlet_decoder_link_probes_lost_total")
        .description("Link probes to a decoder not answered within 5 s").register(registry);
  }

  /** Sends one probe to each live decoder that has none in flight; called once a second. */
  public void probe() {
    for (DecoderDirectory.Decoder decoder : decoders.live()) {
      if (!inFlight.add(decoder.id())) {
        continue;
      }
      long sent = nanos.getAsLong();
      vertx.eventBus().<LinkProbe>request(Addresses.decoderPackets(decoder.id()), new LinkProbe(sent),
              new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
          .onComplete(answer -> {
            inFlight.remove(decoder.id());
            if (answer.succeeded()) {
              rtt(decoder.node()).record(Duration.ofNanos(nanos.getAsLong() - sent));
            } else {
              lost.increment();
            }
          });
    }
  }

  private Timer rtt(String decodeNode) {
    return Timer.builder("inlet_decoder_link_rtt_seconds")
        .description("Round trip of a probe from this ingest node to a decoder, behind the media queued for it")
        .tag("decode_node", String.valueOf(decodeNode))
        .publishPercentileHistogram()
        .register(registry);
  }
}
