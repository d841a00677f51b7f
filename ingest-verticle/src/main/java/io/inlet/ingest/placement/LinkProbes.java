package io.inlet.ingest.placement;

import io.inlet.bus.Addresses;
import io.inlet.bus.LinkProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
  /** A decode node not live for this long is gone (restarted under another id, removed): its meter goes. */
  private static final long FORGET_AFTER_NANOS = 60_000_000_000L;

  private final Vertx vertx;
  private final DecoderDirectory decoders;
  private final MeterRegistry registry;
  private final LongSupplier nanos;
  private final Counter lost;
  private final Set<String> inFlight = new HashSet<>();
  /** Each decode node's round-trip meter, and when it was last live: a node gone for a minute loses its meter. */
  private final Map<String, Timer> timers = new HashMap<>();
  private final Map<String, Long> liveAtNanos = new HashMap<>();

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
    long now = nanos.getAsLong();
    for (DecoderDirectory.Decoder decoder : decoders.live()) {
      liveAtNanos.put(String.valueOf(decoder.node()), now);
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
    liveAtNanos.entrySet().removeIf(node -> {
      boolean gone = now - node.getValue() > FORGET_AFTER_NANOS;
      if (gone) {
        Timer timer = timers.remove(node.getKey());
        if (timer != null) {
          registry.remove(timer);
        }
      }
      return gone;
    });
  }

  private Timer rtt(String decodeNode) {
    return timers.computeIfAbsent(String.valueOf(decodeNode), node -> Timer.builder("inlet_decoder_link_rtt_seconds")
        .description("Round trip of a probe from this ingest node to a decoder, behind the media queued for it")
        .tag("decode_node", node)
        .publishPercentileHistogram()
        .register(registry));
  }
}
