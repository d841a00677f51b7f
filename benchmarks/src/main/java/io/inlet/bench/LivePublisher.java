package io.inlet.bench;

import io.inlet.testkit.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real-time ffmpeg publisher ({@code -re -stream_loop -1 -i CLIP -c copy -f flv}) and the ways a
 * network can lose it: frozen ({@code SIGSTOP}: its TCP connection stays open and silent, no FIN, no RST,
 * which is what a dropped network looks like to the server) or killed ({@code SIGKILL}: the kernel closes
 * the connection).
 */
final class LivePublisher {

  private final Process process;
  private final Path log;
  final long startedNanos;

  private LivePublisher(Process process, Path log, long startedNanos) {
    this.process = process;
    this.log = log;
    this.startedNanos = startedNanos;
  }

  static LivePublisher start(Path clip, int rtmpPort, String key, Path log) throws IOException {
    long now = System.nanoTime();
    Process process = Ffmpeg.start(log, "-loglevel", "warning", "-nostats", "-re", "-stream_loop", "-1",
        "-i", clip.toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmpPort + "/live/" + key);
    return new LivePublisher(process, log, now);
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** SIGSTOP: the process stops, its connection stays open and silent. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGKILL and wait for the exit: the kernel closes its connection. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** A frozen publisher's end: SIGCONT, then SIGKILL before it can say anything to the server. */
  void thawAndKill() throws IOException, InterruptedException {
    signal("CONT");
    kill();
  }

  /** Why ffmpeg gave up: the server's error it logged, else its last line. */
  String failure() {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.stream().filter(l -> l.contains("Server error")).findFirst()
          .map(l -> l.substring(l.indexOf("Server error")))
          .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip());
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }
}
