package io.inlet.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FFmpeg's own decode of a file, frame by frame: {@code ffmpeg -copyts -i SOURCE -map 0:v -f framemd5 -}.
 * {@code -copyts} keeps the source's timestamps: without it the CLI shifts the first frame to 0
 * (an H.264 file with B-frames starts at 80 ms in FLV), while Inlet keeps the packets' times.
 */
public final class FrameMd5 {

  /**
   * One decoded frame: presentation time in ms (converted from the {@code #tb} header), duration and
   * size in the stream's units (for audio, the duration is the frame's sample count), md5 of its data.
   */
  public record Line(long ptsMillis, long duration, int size, String md5) {

    /** The frame as Inlet's frame-hash file writes it: {@code <pts ms> <md5>}. */
    public String hashLine() {
      return ptsMillis + " " + md5;
    }
  }

  private FrameMd5() {}

  /** FFmpeg's frames of the first video stream of {@code source}. */
  public static List<Line> ofVideo(Path source) throws IOException, InterruptedException {
    return of(source, "v");
  }

  /** FFmpeg's frames of the first stream of {@code kind} ("v" or "a") of {@code source}. */
  public static List<Line> of(Path source, String kind) throws IOException, InterruptedException {
    return run(source, "-map", "0:" + kind);
  }

  /**
   * FFmpeg's frames of the first audio stream of {@code source}, each hashed as {@code pcmEncoder}'s
   * packet (e.g. {@code pcm_f32le}): framemd5 would otherwise hash the samples converted to s16, while
   * an encoder in the decoder's own sample format hashes the decoded samples themselves.
   */
  public static List<Line> ofAudio(Path source, String pcmEncoder) throws IOException, InterruptedException {
    return run(source, "-map", "0:a", "-c:a", pcmEncoder);
  }

  /**
   * FFmpeg's frames of the first video stream of {@code source} when its decoder skips every frame but
   * the keyframes ({@code -skip_frame nokey}), one output frame per decoded one.
   */
  public static List<Line> ofVideoKeyframes(Path source) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-threads", "1", "-skip_frame", "nokey", "-copyts", "-i", source.toString(),
        "-map", "0:v", "-fps_mode", "passthrough", "-f", "framemd5", "-"));
    return parse(Ffmpeg.output(args.toArray(String[]::new)).lines().toList());
  }

  private static List<Line> run(Path source, String... output) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-threads", "1", "-copyts", "-i", source.toString()));
    args.addAll(List.of(output));
    args.addAll(List.of("-f", "framemd5", "-"));
    return parse(Ffmpeg.output(args.toArray(String[]::new)).lines().toList());
  }

  /** {@code <pts ms> <md5>} per frame, as Inlet's frame-hash files and the decode tests compare them. */
  public static List<String> hashLines(List<Line> frames) {
    return frames.stream().map(Line::hashLine).toList();
  }

  /** Parses framemd5 lines ("stream, dts, pts, duration, size, hash"), pts converted to ms. */
  public static List<Line> parse(List<String> lines) {
    long num = 1;
    long den = 1000;
    List<Line> frames = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#tb 0:")) {
        String[] tb = line.substring(6).trim().split("/");
        num = Long.parseLong(tb[0].trim());
        den = Long.parseLong(tb[1].trim());
      } else if (!line.startsWith("#") && !line.isBlank()) {
        String[] fields = line.split(",");
        long pts = Long.parseLong(fields[2].trim());
        frames.add(new Line(Math.round(pts * 1000.0 * num / den), Long.parseLong(fields[3].trim()),
            Integer.parseInt(fields[4].trim()), fields[5].trim()));
      }
    }
    return frames;
  }

  /** The lines of an Inlet frame-hash file ({@code <pts ms> <md5>} each), blank lines left out. */
  public static List<String> readInletFile(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
        .map(String::trim).filter(line -> !line.isEmpty()).toList();
  }
}
