package io.inlet.bench;

import io.inlet.testkit.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clips every benchmark uses, made once with the bundled ffmpeg and kept in a cache directory:
 * 720p30 testsrc2, H.264 (libx264 veryfast, about 3 Mbit/s, 2 s GOP) and AAC, in FLV.
 */
enum Media {
  /** 10 s (300 frames), B-frames as veryfast makes them (up to 3). */
  CLIP_10S("clip720p30-10s.flv", 10, true),
  /** 20 s (600 frames), the decode benchmark's longer run. */
  CLIP_600("clip720p30-600f.flv", 20, true),
  /** 10 s without B-frames: what the latency benchmark publishes. */
  CLIP_NO_BFRAMES("clip720p30-10s-bf0.flv", 10, false);

  static final int WIDTH = 1280;
  static final int HEIGHT = 720;
  static final int FPS = 30;

  private final String fileName;
  private final int seconds;
  private final boolean bFrames;

  Media(String fileName, int seconds, boolean bFrames) {
    this.fileName = fileName;
    this.seconds = seconds;
    this.bFrames = bFrames;
  }

  int frames() {
    return seconds * FPS;
  }

  /** The clip's path, encoding it first when the cache does not have it. */
  Path path() throws IOException, InterruptedException {
    Path dir = dir();
    Path file = dir.resolve(fileName);
    if (Files.isRegularFile(file) && Files.size(file) > 0) {
      return file;
    }
    Files.createDirectories(dir);
    Path partial = dir.resolve(fileName + ".part.flv");
    List<String> args = new ArrayList<>(List.of(
        "-f", "lavfi", "-i", "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", String.valueOf(seconds),
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
        "-b:v", "3M", "-maxrate", "3M", "-bufsize", "6M", "-g", String.valueOf(2 * FPS)));
    if (!bFrames) {
      args.addAll(List.of("-bf", "0"));
    }
    args.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-f", "flv", partial.toString()));
    System.out.println("making " + file + " (bundled ffmpeg, libx264 veryfast)...");
    Ffmpeg.run(dir.resolve(fileName + ".log"), args.toArray(String[]::new));
    Files.move(partial, file);
    return file;
  }

  /** Cache directory: $BENCH_MEDIA, else benchmarks/target/media under the working directory. */
  static Path dir() {
    String configured = System.getenv("BENCH_MEDIA");
    return configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("benchmarks", "target", "media");
  }
}
