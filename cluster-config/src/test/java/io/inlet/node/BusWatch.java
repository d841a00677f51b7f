package io.inlet.node;

import io.inlet.bus.Addresses;
import io.inlet.bus.DecoderReport;
import io.inlet.bus.StreamDecodeReport;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test sees on a node's event bus: every stream event as published (with the moment it
 * arrived here, on this JVM's monotonic clock) and the latest report of each decoder.
 */
final class BusWatch implements AutoCloseable {

  /** One stream event and when it arrived. */
  record Seen(JsonObject event, long atNanos) {
    String type() {
      return event.getString("type");
    }

    long seq() {
      return event.getLong("seq");
    }
  }

  private final List<Seen> events = new ArrayList<>();
  private final Map<String, DecoderReport> decoders = new ConcurrentHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  BusWatch(Vertx vertx) {
    consumers.add(vertx.eventBus().<Object>consumer(Addresses.STREAM_EVENTS, message -> {
      JsonObject event = message.body() instanceof JsonObject json ? json : new JsonObject(String.valueOf(message.body()));
      synchronized (events) {
        events.add(new Seen(event, System.nanoTime()));
      }
    }));
    consumers.add(vertx.eventBus().<DecoderReport>consumer(Addresses.DECODE_STATS,
        message -> decoders.put(message.body().decoderId(), message.body())));
  }

  /** The events of the stream {@code id} so far, in arrival order. */
  List<Seen> eventsOf(String id) {
    synchronized (events) {
      return events.stream().filter(seen -> id.equals(seen.event().getString("id"))).toList();
    }
  }

  /** The first event of {@code type} of the stream named {@code name}, or null. */
  Seen first(String name, String type) {
    synchronized (events) {
      return events.stream().filter(seen -> name.equals(seen.event().getString("name")) && type.equals(seen.type()))
          .findFirst().orElse(null);
    }
  }

  /** Whether a decoder's latest report lists the stream named {@code name}. */
  boolean decoded(String name) {
    return decoders.values().stream().flatMap(report -> report.streams().stream()).map(StreamDecodeReport::name)
        .anyMatch(name::equals);
  }

  @Override
  public void close() {
    consumers.forEach(MessageConsumer::unregister);
  }
}
