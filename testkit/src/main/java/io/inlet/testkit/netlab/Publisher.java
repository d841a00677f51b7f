package io.inlet.testkit.netlab;

import io.inlet.testkit.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real FFmpeg publisher running on a lab {@link Host}: FFmpeg does not reconnect, so a publisher
 * that is still alive has kept its one RTMP connection.
 */
public final class Publisher {

  private final Process process;
  private final Path log;

  private Publisher(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Publishes {@code clip} in a loop, in real time, without re-encoding, to {@code rtmpUrl}. */
  public static Publisher loop(Host host, Path log, Path clip, String rtmpUrl) throws IOException {
    return start(host, log, "-re", "-stream_loop", "-1", "-i", clip.toString(), "-c", "copy", "-f", "flv", rtmpUrl);
  }

  /** Runs ffmpeg with {@code args} on {@code host}. */
  public static Publisher start(Host host, Path log, String... args) throws IOException {
    return new Publisher(host.start(Ffmpeg.builder(log, args)), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Process process() {
    return process;
  }

  /** FFmpeg's output so far (its last lines). */
  public String tail() throws IOException {
    return Ffmpeg.tail(log);
  }

  /** Waits up to {@code seconds} for ffmpeg to end; its exit code, or -1 while it still runs. */
  public int awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
