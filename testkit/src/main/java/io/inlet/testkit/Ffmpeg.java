package io.inlet.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The real {@code ffmpeg} and {@code ffprobe} executables shipped inside the
 * {@code org.bytedeco:ffmpeg} gpl artifact, so tests publish with a real encoder on any machine that
 * can fetch Maven Central.
 */
public final class Ffmpeg {

  private static Path ffmpeg;
  private static Path ffprobe;

  private Ffmpeg() {}

  public static synchronized Path ffmpeg() {
    if (ffmpeg == null) {
      ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }
    return ffmpeg;
  }

  public static synchronized Path ffprobe() {
    if (ffprobe == null) {
      ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }
    return ffprobe;
  }

  /** Runs ffmpeg with {@code args} (after -hide_banner -nostdin -y), failing on a non-zero exit. */
  public static void run(Path logFile, String... args) throws IOException, InterruptedException {
    Process process = start(logFile, args);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("ffmpeg did not finish within 120 s: " + String.join(" ", args));
    }
    if (process.exitValue() != 0) {
      throw new IOException("ffmpeg exited with " + process.exitValue() + ": " + tail(logFile));
    }
  }

  /** Starts ffmpeg in the background, output to {@code logFile}. */
  public static Process start(Path logFile, String... args) throws IOException {
    return builder(logFile, args).start();
  }

  /**
   * The process {@link #start} starts, not yet started: for a caller that runs it elsewhere (inside a
   * network namespace, for one).
   */
  public static ProcessBuilder builder(Path logFile, String... args) {
    List<String> command = new ArrayList<>(List.of(ffmpeg().toString(), "-hide_banner", "-nostdin", "-y"));
    command.addAll(List.of(args));
    return withBundledLibraries(new ProcessBuilder(command)).redirectErrorStream(true).redirectOutput(logFile.toFile());
  }

  /**
   * Runs ffmpeg with {@code args} (after -hide_banner -nostdin -loglevel error) and returns its
   * standard output, failing with the tail of its error output on a non-zero exit.
   */
  public static String output(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ffmpeg().toString(), "-hide_banner", "-nostdin", "-loglevel", "error"));
    command.addAll(List.of(args));
    Path errors = Files.createTempFile("ffmpeg", ".log");
    try {
      Process process = withBundledLibraries(new ProcessBuilder(command)).redirectError(errors.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("ffmpeg did not finish within 60 s: " + String.join(" ", args));
      }
      if (process.exitValue() != 0) {
        throw new IOException("ffmpeg exited with " + process.exitValue() + ": " + tail(errors));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** Runs ffprobe and returns its standard output. */
  public static String probe(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ffprobe().toString(), "-hide_banner", "-v", "error"));
    command.addAll(List.of(args));
    Process process = withBundledLibraries(new ProcessBuilder(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("ffprobe failed: " + String.join(" ", args));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The executables find the shared libraries unpacked beside them (libva and friends) through this. */
  private static ProcessBuilder withBundledLibraries(ProcessBuilder builder) {
    String dir = ffmpeg().getParent().toString();
    String existing = System.getenv("LD_LIBRARY_PATH");
    builder.environment().put("LD_LIBRARY_PATH", existing == null || existing.isEmpty() ? dir : dir + ":" + existing);
    return builder;
  }

  public static String tail(Path logFile) throws IOException {
    if (!Files.exists(logFile)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
