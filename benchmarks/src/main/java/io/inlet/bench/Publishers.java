package io.inlet.bench;

import io.inlet.testkit.Ffmpeg;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real-time ffmpeg publishers looping a clip to 127.0.0.1 with stream copy, one per key. */
final class Publishers implements PublisherFleet {

  private final List<Process> processes = new ArrayList<>();

  static Publishers start(Path clip, int rtmpPort, List<String> keys, Path logDir) throws Exception {
    Publishers publishers = new Publishers();
    try {
      for (String key : keys) {
        String url = "rtmp://127.0.0.1:" + rtmpPort + "/live/" + key;
        publishers.processes.add(Ffmpeg.start(logDir.resolve("publisher-" + publishers.processes.size() + ".log"),
            "-loglevel", "warning", "-nostats", "-re", "-stream_loop", "-1", "-i", clip.toString(),
            "-c", "copy", "-f", "flv", url));
      }
      return publishers;
    } catch (Exception e) {
      publishers.close();
      throw e;
    }
  }

  /** CPU ticks of the publishers still running. */
  @Override
  public long ticks() {
    return processes.stream().mapToLong(p -> Machine.processTicks(p.pid())).sum();
  }

  @Override
  public long alive() {
    return processes.stream().filter(Process::isAlive).count();
  }

  int size() {
    return processes.size();
  }

  @Override
  public void close() throws InterruptedException {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
