package io.inlet.ingest.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecoderDirectoryTest {

  private final AtomicLong now = new AtomicLong();
  private final DecoderDirectory directory = new DecoderDirectory(now::get);

  private static JsonObject report(String id, String... streams) {
    JsonArray list = new JsonArray();
    for (String stream : streams) {
      list.add(new JsonObject().put("name", stream).put("sequence", 7L));
    }
    return new JsonObject().put("decoder", id).put("decodeNode", "node-" + id).put("assignAddress", "assign-" + id)
        .put("capacity", 8).put("streams", list);
  }

  private String place(String stream) {
    DecoderDirectory.Decoder decoder = directory.pick(Set.of()).orElseThrow();
    directory.assigned(decoder.id(), stream);
    return decoder.id();
  }

  @Test
  void streamsOfferedTogetherSpreadEvenWhenAStaleReportArrivesBetween() {
    directory.onReport(report("b"));
    directory.onReport(report("c"));
    String first = place("s1");
    String second = place("s2");
    assertThat(Set.of(first, second)).containsExactlyInAnyOrder("b", "c");
    directory.onReport(report("b")); // built before b took its stream: lists nothing yet
    directory.onReport(report("c"));
    place("s3");
    place("s4");
    assertThat(directory.pick(Set.of()).orElseThrow().streams()).isEqualTo(2);
    directory.onReport(report("b", "s1", "s3"));
    directory.onReport(report("c", "s2", "s4"));
    assertThat(directory.imbalance(1)).isEmpty();
  }

  @Test
  void aSilentDecoderIsNotPickedAndReportsProgress() {
    directory.onReport(report("b", "s1"));
    assertThat(directory.reports("b", "s1")).isTrue();
    assertThat(directory.progress("b", "s1")).isEqualTo(7);
    now.addAndGet((DecoderDirectory.SILENCE_MS + 1) * 1_000_000);
    assertThat(directory.alive("b")).isFalse();
    assertThat(directory.pick(Set.of())).isEmpty();
  }

  @Test
  void aPendingAssignmentExpiresIfTheDecoderNeverListsIt() {
    directory.onReport(report("b"));
    directory.assigned("b", "lost");
    now.addAndGet((DecoderDirectory.PENDING_MS + 1) * 1_000_000);
    directory.onReport(report("b"));
    assertThat(directory.pick(Set.of()).orElseThrow().streams()).isZero();
  }
}
