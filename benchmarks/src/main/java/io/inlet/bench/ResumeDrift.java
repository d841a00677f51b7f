package io.inlet.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench continuity}'s second part: one stream whose publisher is killed ({@code SIGKILL}: the
 * connection ends) and replaced by a new one with the same key, again and again; after each resume
 * {@code avDriftMs}, {@code publishes} and {@code id} from {@code GET /api/streams/{name}}; at the end the
 * frame-hash file's pts column, which must be one increasing timeline.
 */
final class ResumeDrift {

  private static final int RUN_SECONDS = 3;

  /** The stream's figures about {@link #RUN_SECONDS} after one resume (0: before the first). */
  record Reading(int resume, double offAirSeconds, long ptsJumpMs, int heldBack, long avDriftMs, long publishes, String id,
      String state) {}

  /** The frame-hash file: its lines, and the pts steps that did not go forward (first few). */
  record Timeline(int lines, int decodedFrames, int notIncreasing, List<String> examples) {}

  record Result(List<Reading> readings, Timeline timeline) {}

  private ResumeDrift() {}

  static Result run(EmbeddedNode node, Path clip, String name, String key, int resumes, Path hashDir, Path work)
      throws Exception {
    DecodedFrameClock.Frames frames = DecodedFrameClock.watch(name);
    List<Reading> readings = new ArrayList<>();
    LivePublisher publisher = LivePublisher.start(clip, node.rtmpPort(), key, work.resolve(name + "-0.log"));
    try {
      frames.awaitAfter(publisher.startedNanos, 30);
      Thread.sleep(RUN_SECONDS * 1000L);
      readings.add(reading(0, null, node.stream(name)));
      for (int i = 1; i <= resumes; i++) {
        publisher.kill();
        long killedNanos = System.nanoTime();
        publisher = LivePublisher.start(clip, node.rtmpPort(), key, work.resolve(name + "-" + i + ".log"));
        frames.awaitAfter(publisher.startedNanos, 30);
        Thread.sleep(RUN_SECONDS * 1000L);
        FrameGaps.Resume gap = FrameGaps.resume(frames.snapshot(), killedNanos, System.nanoTime());
        Reading reading = reading(i, gap, node.stream(name));
        readings.add(reading);
        print(reading);
      }
      node.endStream(name); // ends it at once: the decoder closes its sinks, the frame-hash file is complete
      return new Result(readings, timeline(hashDir.resolve(name + ".video.md5"), frames));
    } finally {
      publisher.kill();
      DecodedFrameClock.unwatch(name);
    }
  }

  private static Reading reading(int resume, FrameGaps.Resume gap, JsonObject stream) {
    double offAir = gap == null ? Double.NaN : gap.offAirSeconds();
    long ptsJump = gap == null ? -1 : gap.ptsJumpMs();
    int heldBack = gap == null ? 0 : gap.heldBack();
    if (stream == null) {
      return new Reading(resume, offAir, ptsJump, heldBack, 0, -1, "", "gone (404)");
    }
    JsonObject stats = stream.getJsonObject("stats", new JsonObject());
    return new Reading(resume, offAir, ptsJump, heldBack, stats.getLong("avDriftMs", 0L), stream.getLong("publishes", -1L), stream.getString("id"), stream.getString("state"));
  }

  static void print(Reading r) {
    if (r.resume() == 0) {
      System.out.printf("  before the first resume: avDriftMs %d, publishes %d, %s%n", r.avDriftMs(), r.publishes(),
          r.state());
      return;
    }
    System.out.printf("  resume %2d: off air %.2f s (pts jump %d ms, %d old frames released by the resume),"
        + " avDriftMs %4d, publishes %d, %s%n", r.resume(), r.offAirSeconds(), r.ptsJumpMs(), r.heldBack(), r.avDriftMs(),
        r.publishes(), r.state());
  }

  /** Waits until the file holds every frame the decoder handed out, then checks its pts go strictly up. */
  private static Timeline timeline(Path file, DecodedFrameClock.Frames frames) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
      if (!lines.isEmpty() && lines.size() >= frames.count()) {
        break;
      }
    }
    int notIncreasing = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      long previous = pts(lines.get(i - 1));
      long current = pts(lines.get(i));
      if (current <= previous) {
        notIncreasing++;
        if (examples.size() < 5) {
          examples.add("line " + (i + 1) + ": " + previous + " -> " + current);
        }
      }
    }
    return new Timeline(lines.size(), frames.count(), notIncreasing, examples);
  }

  private static long pts(String line) {
    return Long.parseLong(line.substring(0, line.indexOf(' ')));
  }
}
