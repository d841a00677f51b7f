package io.inlet.ingest.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Addresses;
import io.inlet.bus.Assignment;
import io.inlet.bus.BusCodecs;
import io.inlet.bus.DecoderReport;
import io.inlet.testkit.Await;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The directory sends each decoder it first hears of one message on its assignment and packet
 * addresses (which the decoder drops), so the event bus has looked both up before a stream needs them.
 */
class DecoderLookAheadTest {

  private static final String END = "end of the test's messages";

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aNewDecodersAddressesAreLookedUpOnceWhenItFirstReports() throws Exception {
    BusCodecs.register(vertx);
    List<String> received = new CopyOnWriteArrayList<>();
    vertx.eventBus().consumer(Addresses.decoderAssign("d-1"), message -> received.add(END.equals(message.body()) ? END : "assign"));
    vertx.eventBus().consumer(Addresses.decoderPackets("d-1"), message -> received.add(END.equals(message.body()) ? END
        : message.headers().contains(Assignment.ATTACHMENT_HEADER) ? "tagged packet" : "packets"));
    DecoderDirectory directory = new DecoderDirectory(System::nanoTime).listen(vertx);
    DecoderReport report = new DecoderReport("node-1", "d-1", Addresses.decoderAssign("d-1"), 8, List.of());

    vertx.runOnContext(v -> {
      directory.onReport(report);
      directory.onReport(report);
      // Sent after anything the directory sent, so received after it (one sender, in order).
      vertx.eventBus().send(Addresses.decoderAssign("d-1"), END);
      vertx.eventBus().send(Addresses.decoderPackets("d-1"), END);
    });

    Await.until("both addresses reached", Duration.ofSeconds(5), () -> received.stream().filter(END::equals).count() == 2);
    assertThat(received.stream().filter(m -> !END.equals(m)).toList()).containsExactlyInAnyOrder("assign", "packets");
  }
}
