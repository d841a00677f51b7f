package io.inlet.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** FFmpeg's own decode of a file, frame by frame: {@code ffmpeg -i SOURCE -map 0:v -f framemd5 -}. */
public final class FrameMd5 {

  /** One decoded frame: presentation time in milliseconds and the md5 of its planes. */
  public record Line(long ptsMillis, String md5) {
    @Override
    public String toString() {
      return ptsMillis + " " + md5;
    }
  }

  private FrameMd5() {}

  /**
   * FFmpeg's frame hashes of the first video stream of {@code source}, with the file's own timestamps
   * ({@code -copyts}: without it the CLI shifts them to start at zero, and Inlet keeps the stream's).
   */
  public static List<Line> ofVideo(Path source, Path workDir) throws IOException, InterruptedException {
    Path out = workDir.resolve(source.getFileName() + ".framemd5");
    Ffmpeg.run(workDir.resolve(source.getFileName() + ".framemd5.log"),
        "-threads", "1", "-copyts", "-i", source.toString(), "-map", "0:v", "-f", "framemd5", out.toString());
    return parse(Files.readAllLines(out, StandardCharsets.US_ASCII));
  }

  /** Parses framemd5 output; pts are converted from the stream time base to milliseconds. */
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
        frames.add(new Line(Math.round(pts * 1000.0 * num / den), fields[5].trim()));
      }
    }
    return frames;
  }

  /** Reads an Inlet frame-hash file ({@code <pts ms> <md5>} per line). */
  public static List<Line> readInletFile(Path file) throws IOException {
    List<Line> frames = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank()) {
        String[] fields = line.trim().split(" ");
        frames.add(new Line(Long.parseLong(fields[0]), fields[1]));
      }
    }
    return frames;
  }
}
