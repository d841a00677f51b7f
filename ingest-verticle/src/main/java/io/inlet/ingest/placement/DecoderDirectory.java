package io.inlet.ingest.placement;

import io.inlet.bus.Addresses;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.StreamDecodeReport;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What this ingest node knows of the cluster's decoders, from the reports each decode verticle
 * publishes twice a second: where to offer it a stream, its capacity and load, and which streams it
 * says it decodes. Picks the least loaded live decoder; tells a silent (lost) decoder apart.
 * Event-loop confined.
 */
public final class DecoderDirectory {

  /** A decoder not heard from for this long is taken for lost: its streams move. */
  public static final long SILENCE_MS = 1_000;
  /** Decoders kept at most (reports are peers' input too). */
  static final int MAX_DECODERS = 4_096;

  /** One decode verticle as last reported. */
  public record Decoder(String id, String node, String assignAddress, int capacity, int streams,
      long seenAtNanos, Set<String> streamNames, Map<String, Long> progress) {}

  private final Map<String, Decoder> decoders = new LinkedHashMap<>();
  /** decoder id -> stream -> when it was given to it, until the decoder's report lists it. */
  private final Map<String, Map<String, Long>> recentlyAssigned = new HashMap<>();
  /** How long a stream given to a decoder counts before its report lists it. */
  static final long PENDING_MS = 3_000;
  /**
   * Sent once to each new decoder's addresses, which drop it: the event bus looks an address up in
   * the cluster's subscription map on its first send there and keeps the answer current afterwards.
   * Looked up now, while the cluster is whole, the decoder can be offered streams at once later, when
   * a lookup would wait for an unreachable member (a partition) to be dropped from the cluster.
   */
  private static final JsonObject LOOKUP_AHEAD = new JsonObject();

  private final LongSupplier nanos;
  private Vertx vertx;
  private MessageConsumer<DecoderReport> consumer;

  public DecoderDirectory(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Subscribes to the decoders' reports. */
  public DecoderDirectory listen(Vertx vertx) {
    this.vertx = vertx;
    consumer = vertx.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS, message -> onReport(message.body()));
    return this;
  }

  public void close() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** Records one decoder's report. */
  public void onReport(DecoderReport report) {
    String id = report.decoderId();
    if (!decoders.containsKey(id)) {
      if (decoders.size() >= MAX_DECODERS) {
        return;
      }
      lookUpAhead(report);
    }
    Set<String> names = new HashSet<>();
    Map<String, Long> progress = new HashMap<>();
    for (StreamDecodeReport stream : report.streams()) {
      names.add(stream.name());
      progress.put(stream.name(), stream.sequence());
    }
    decoders.put(id, new Decoder(id, report.decodeNode(), report.assignAddress(),
        report.capacity(), names.size() + pendingNotIn(id, names), nanos.getAsLong(), names, progress));
  }

  private void lookUpAhead(DecoderReport report) {
    if (vertx != null) {
      vertx.eventBus().send(report.assignAddress(), LOOKUP_AHEAD);
      vertx.eventBus().send(Addresses.decoderPackets(report.decoderId()), LOOKUP_AHEAD);
    }
  }

  /**
   * Streams just given to the decoder that its report does not list yet (the report may have been
   * built before it took them): still counted for a while, or a report racing placements would undo
   * the spreading.
   */
  private int pendingNotIn(String decoderId, Set<String> reported) {
    Map<String, Long> pending = recentlyAssigned.get(decoderId);
    if (pending == null) {
      return 0;
    }
    long now = nanos.getAsLong();
    pending.entrySet().removeIf(e -> reported.contains(e.getKey()) || now - e.getValue() > PENDING_MS * 1_000_000);
    return pending.size();
  }

  /** The decoder of that id as last reported, if it is known. */
  public Optional<Decoder> decoder(String decoderId) {
    return decoderId == null ? Optional.empty() : Optional.ofNullable(decoders.get(decoderId));
  }

  /**
   * The live decoder with the most room relative to its capacity (ties to the fewest streams), not in
   * {@code exclude}; empty when none is known or all are full.
   */
  public Optional<Decoder> pick(Set<String> exclude) {
    forgetLongSilent();
    return decoders.values().stream()
        .filter(d -> !exclude.contains(d.id()) && alive(d) && d.streams() < d.capacity())
        .min(Comparator.comparingDouble((Decoder d) -> (double) d.streams() / d.capacity()).thenComparingInt(Decoder::streams));
  }

  /**
   * The busiest and the idlest live decoders when their stream counts differ by at least
   * {@code threshold} (rebalancing), else empty.
   */
  public Optional<Decoder[]> imbalance(int threshold) {
    List<Decoder> live = live();
    if (threshold <= 0 || live.size() < 2) {
      return Optional.empty();
    }
    Decoder busiest = live.stream().max(Comparator.comparingInt(Decoder::streams)).orElseThrow();
    Decoder idlest = live.stream().filter(d -> d.streams() < d.capacity()).min(Comparator.comparingInt(Decoder::streams)).orElse(null);
    if (idlest == null || busiest.streams() - idlest.streams() < threshold) {
      return Optional.empty();
    }
    return Optional.of(new Decoder[] {busiest, idlest});
  }

  /** Counts a stream just given to a decoder, so placements before its next report spread too. */
  public void assigned(String decoderId, String streamName) {
    Decoder d = decoders.get(decoderId);
    if (d == null || d.streamNames().contains(streamName)) {
      return;
    }
    Map<String, Long> pending = recentlyAssigned.computeIfAbsent(decoderId, id -> new HashMap<>());
    if (pending.put(streamName, nanos.getAsLong()) == null) {
      decoders.put(decoderId, new Decoder(d.id(), d.node(), d.assignAddress(), d.capacity(), d.streams() + 1, d.seenAtNanos(),
          d.streamNames(), d.progress()));
    }
  }

  /** Whether the decoder reported within {@link #SILENCE_MS}. Unknown decoders count as alive (not yet reported). */
  public boolean alive(String decoderId) {
    Decoder d = decoders.get(decoderId);
    return d == null || alive(d);
  }

  /** Whether the decoder is known and reported within {@link #SILENCE_MS}. */
  public boolean known(String decoderId) {
    return decoders.containsKey(decoderId);
  }

  /** Whether the decoder's last report listed the stream. */
  public boolean reports(String decoderId, String streamName) {
    Decoder d = decoders.get(decoderId);
    return d != null && d.streamNames().contains(streamName);
  }

  /** The sequence number of the last packet the decoder reported processing for the stream, or -1. */
  public long progress(String decoderId, String streamName) {
    Decoder d = decoders.get(decoderId);
    return d == null ? -1 : d.progress().getOrDefault(streamName, -1L);
  }

  public int size() {
    return decoders.size();
  }

  /** The decoders that reported within {@link #SILENCE_MS}. */
  public List<Decoder> live() {
    return decoders.values().stream().filter(this::alive).toList();
  }

  private boolean alive(Decoder d) {
    return nanos.getAsLong() - d.seenAtNanos() <= SILENCE_MS * 1_000_000;
  }

  private void forgetLongSilent() {
    long now = nanos.getAsLong();
    decoders.values().removeIf(d -> now - d.seenAtNanos() > 60_000L * 1_000_000);
    recentlyAssigned.keySet().retainAll(decoders.keySet());
  }
}
