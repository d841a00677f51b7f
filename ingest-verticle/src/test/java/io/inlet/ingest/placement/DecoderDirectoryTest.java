package io.inlet.ingest.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.DecoderReport;
import io.inlet.bus.StreamDecodeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecoderDirectoryTest {

  private final AtomicLong now = new AtomicLong();
  private final DecoderDirectory directory = new DecoderDirectory(now::get);

  private static DecoderReport report(String id, String... streams) {
    List<StreamDecodeReport> list = new ArrayList<>();
    for (String stream : streams) {
      list.add(new StreamDecodeReport(stream, "node-" + id, 7L, null, null, StreamDecodeReport.Counters.NONE));
    }
    return new DecoderReport("node-" + id, id, "assign-" + id, 8, list);
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
