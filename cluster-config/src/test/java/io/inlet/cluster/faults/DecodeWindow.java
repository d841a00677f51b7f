package io.inlet.cluster.faults;

import io.inlet.testkit.netlab.InletNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stretch of time watched once a second through {@link DecodeFigures}: its first and last
 * readings, the streams whose decode node changed on the way, and the ingest node's packets in flight
 * to decoders averaged over the readings (a single reading swings with the decoders' half-second
 * reports).
 */
final class DecodeWindow {

  private static final long READ_EVERY_MS = 1_000;

  final DecodeFigures first;
  private DecodeFigures last;
  private final Set<String> moved = new TreeSet<>();
  private double inFlightSum;
  private int readings;

  private DecodeWindow(DecodeFigures first) {
    this.first = first;
    this.last = first;
    add(first);
  }

  /** Watches for {@code millis}, printing a line of figures every {@code printEveryMs} (0: never) prefixed with {@code label}. */
  static DecodeWindow watch(InletNode ingest, List<InletNode> decoders, long millis, String label, long printEveryMs)
      throws InterruptedException {
    DecodeWindow window = new DecodeWindow(DecodeFigures.read(ingest, decoders));
    DecodeFigures printed = window.first;
    while (window.last.atNanos() - window.first.atNanos() < millis * 1_000_000) {
      Thread.sleep(READ_EVERY_MS);
      window.add(DecodeFigures.read(ingest, decoders));
      if (printEveryMs > 0 && window.last.atNanos() - printed.atNanos() >= printEveryMs * 1_000_000) {
        System.out.println(label + ", last " + window.last.describe(printed));
        printed = window.last;
      }
    }
    return window;
  }

  private void add(DecodeFigures reading) {
    for (String name : first.streams().keySet()) {
      if (!Objects.equals(first.decodeNode(name), reading.decodeNode(name))) {
        moved.add(name);
      }
    }
    last = reading;
    inFlightSum += reading.packetsInFlight();
    readings++;
  }

  DecodeFigures last() {
    return last;
  }

  long millis() {
    return (last.atNanos() - first.atNanos()) / 1_000_000;
  }

  /** Streams whose decode node in the API was not the one of the first reading at some reading. */
  Set<String> moved() {
    return moved;
  }

  double framesPerSecond(String name) {
    return last.framesPerSecond(first, name);
  }

  String describe() {
    return String.format(Locale.ROOT, "%s; packets in flight averaged over %d readings %.1f", last.describe(first), readings,
        inFlightSum / readings);
  }
}
