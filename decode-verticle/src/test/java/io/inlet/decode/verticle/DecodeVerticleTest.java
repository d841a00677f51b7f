package io.inlet.decode.verticle;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.bus.Assignment;
import io.inlet.bus.LinkProbe;
import io.inlet.bus.MediaCodec;
import io.inlet.bus.ReplyCodes;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Demuxed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decode role on the event bus, the test acting as the ingest side: a stream is assigned,
 * decoded from its batch and live packets, reported, snapshotted and freed when it ends; a full
 * decoder refuses more.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class DecodeVerticleTest {

  private static Demuxed video;
  private static Demuxed audio;
  private static int videoFrames;
  private static int audioFrames;

  @BeforeAll
  static void media() throws Exception {
    video = TestMedia.H264.demux();
    audio = TestMedia.AAC.demux();
    videoFrames = TestMedia.H264.reference().size();
    audioFrames = TestMedia.AAC.reference().size();
  }

  @Test
  void decodesAnAssignedStreamReportsItAndServesItsSnapshot(Vertx vertx, VertxTestContext ctx) {
    IngestSide ingest = new IngestSide(vertx);
    ingest.deploy(4)
        .compose(id -> ingest.assign("cam1"))
        .compose(address -> {
          ingest.sendStream(address, "cam1", 12, video, audio);
          return ingest.streamReport("cam1", s -> s.stats().videoFramesDecoded() == videoFrames
              && s.stats().audioFramesDecoded() == audioFrames);
        })
        .compose(report -> {
          ctx.verify(() -> {
            assertThat(report.decodeNode()).isEqualTo(IngestSide.NODE);
            assertThat(report.video().toJson()).isEqualTo(new JsonObject().put("codec", "h264").put("width", 320)
                .put("height", 240).put("frameRate", 25.0).put("decodable", true).put("decodeFrames", "all"));
            assertThat(report.audio().codec()).isEqualTo(MediaCodec.AAC);
            assertThat(report.stats().videoFramesIn()).isEqualTo(video.packets().size());
            assertThat(report.stats().framesDropped()).isZero();
          });
          return ingest.snapshot("cam1");
        })
        .onComplete(ctx.succeeding(jpeg -> ctx.verify(() -> {
          assertThat(jpeg.getBytes()).startsWith(0xFF, 0xD8).endsWith(0xFF, 0xD9);
          ctx.completeNow();
        })));
  }

  @Test
  void aLinkProbeOnThePacketAddressIsAnsweredWithItself(Vertx vertx, VertxTestContext ctx) {
    IngestSide ingest = new IngestSide(vertx);
    ingest.deploy(4)
        .compose(id -> ingest.assign("cam1"))
        .compose(assignment -> vertx.eventBus().<LinkProbe>request(assignment.address(), new LinkProbe(42)))
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertThat(reply.body()).isEqualTo(new LinkProbe(42));
          ctx.completeNow();
        })));
  }

  @Test
  void anEndedStreamIsFreedWithinASecond(Vertx vertx, VertxTestContext ctx) {
    IngestSide ingest = new IngestSide(vertx);
    long[] endedAt = new long[1];
    ingest.deploy(4)
        .compose(id -> Future.all(ingest.assign("cam1"), ingest.assign("cam2")))
        .compose(addresses -> {
          ingest.sendStream(addresses.resultAt(0), "cam1", 5, video, audio);
          return ingest.streamReport("cam1", s -> s.stats().videoFramesDecoded() == videoFrames);
        })
        .compose(report -> ingest.snapshot("cam1"))
        .compose(jpeg -> {
          ingest.ended("cam1");
          endedAt[0] = System.nanoTime();
          // Asked right after the event, the snapshot is refused at once: the stream's subscriptions are
          // gone (no handler), or the request reached the consumer as it unregistered (Vert.x answers
          // "Discarded the request" at once, typed TIMEOUT, long before the 3 s send timeout).
          return refusal(ingest.snapshot("cam1"));
        })
        .compose(refused -> {
          long millis = millisSince(endedAt[0]);
          ctx.verify(() -> {
            assertThat(refused.failureType()).isIn(ReplyFailure.NO_HANDLERS, ReplyFailure.TIMEOUT);
            assertThat(millis).isLessThan(1_000);
          });
          // cam2 keeps the reports coming; the next one no longer lists cam1.
          return ingest.report(streams -> streams.stream().noneMatch(s -> "cam1".equals(s.name())));
        })
        .onComplete(ctx.succeeding(streams -> {
          long millis = millisSince(endedAt[0]);
          ctx.verify(() -> {
            assertThat(streams).extracting(s -> s.name()).containsExactly("cam2");
            // A report at most one period (1 s) after the stream was freed, with slack for a busy machine.
            assertThat(millis).isLessThan(1_500);
          });
          ctx.completeNow();
        }));
  }

  @Test
  void aFullDecoderRefusesAnotherStreamWith503UntilOneEnds(Vertx vertx, VertxTestContext ctx) {
    IngestSide ingest = new IngestSide(vertx);
    ingest.deploy(1)
        .compose(id -> ingest.assign("cam1"))
        .compose(address -> refusal(ingest.assign("cam2")))
        .compose(refused -> {
          ctx.verify(() -> {
            assertThat(refused.failureCode()).isEqualTo(ReplyCodes.UNAVAILABLE);
            assertThat(refused.getMessage()).endsWith(".").doesNotContain("\n");
          });
          return ingest.assign("cam1"); // asked again for a stream it has: yes
        })
        .compose(address -> {
          ingest.ended("cam1");
          return ingest.assign("cam2");
        })
        .onComplete(ctx.succeeding(assigned -> ctx.verify(() -> {
          assertThat(assigned.address()).isNotBlank();
          assertThat(assigned.attachment()).isPositive();
          ctx.completeNow();
        })));
  }

  @Test
  void packetsOfAnOlderPublisherSessionAreNeverDecoded(Vertx vertx, VertxTestContext ctx) {
    IngestSide ingest = new IngestSide(vertx);
    Assignment[] sessions = new Assignment[2];
    ingest.deploy(4)
        .compose(id -> ingest.assign("cam1", 1))
        .compose(first -> {
          sessions[0] = first;
          return ingest.assign("cam1", 2); // a resume on another ingest node
        })
        .compose(second -> {
          sessions[1] = second;
          // The older session's packets, still on their way, arrive first: dropped.
          ingest.sendStream(sessions[0], "cam1", 12, video, audio);
          ingest.sendStream(sessions[1], "cam1", 12, video, audio);
          return ingest.streamReport("cam1", s -> s.stats().videoFramesDecoded() == videoFrames);
        })
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertThat(sessions[1].address()).as("one packet address per decoder").isEqualTo(sessions[0].address());
          assertThat(sessions[1].attachment()).as("a new attachment per session").isNotEqualTo(sessions[0].attachment());
          assertThat(report.stats().videoFramesIn()).as("only the newer session's packets were taken")
              .isEqualTo(video.packets().size());
          ctx.completeNow();
        })));
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /** Succeeds with the ReplyException a request failed with; fails if it succeeded. */
  private static Future<ReplyException> refusal(Future<?> request) {
    return request.transform(done -> done.succeeded()
        ? Future.failedFuture(new AssertionError("expected a refusal, got " + done.result()))
        : done.cause() instanceof ReplyException e ? Future.succeededFuture(e) : Future.failedFuture(done.cause()));
  }
}
