package io.inlet.bench;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import io.inlet.bus.MediaCodec;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.codec.FrameHandler;
import io.inlet.decode.codec.PacketDecoder;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.Ffmpeg;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/bench decode}: the same H.264 file decoded by the ffmpeg CLI ({@code -threads 1}) and by
 * Inlet's {@link PacketDecoder} (one thread, packets demuxed into memory beforehand), alternately,
 * after one warm-up run of each; best of 3.
 */
final class DecodeRun {

  private static final int ROUNDS = 3;
  private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
  private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");

  /** One decode of the whole file. */
  record Timing(long frames, double wallSeconds, double cpuSeconds) {
    double fps() {
      return frames / wallSeconds;
    }

    double cpuFps() {
      return frames / cpuSeconds;
    }
  }

  private DecodeRun() {}

  static void run() throws Exception {
    System.out.println("== decode: 720p30 H.264 (libx264 veryfast, 3 Mbit/s), one decoder thread each side");
    System.out.println("   ffmpeg: ffmpeg -benchmark -threads 1 -i FILE -map 0:v:0 -f null -   (wall = its rtime), minus the same"
        + " with -c copy (demuxing and the pipeline without decoding), so both sides time decoding only");
    System.out.println("   inlet:  PacketDecoder.open(H264, avcC, new DecoderSettings(1, null)), decode every packet, flush"
        + " (wall = open..close, packets already in memory; cpu = the decoding thread's CPU time)");
    Path logs = Files.createTempDirectory("inlet-bench-decode");
    for (Media media : List.of(Media.CLIP_10S, Media.CLIP_600)) {
      Path file = media.path();
      Demuxed packets = Demuxed.read(file, AVMEDIA_TYPE_VIDEO);
      ffmpegDecodeOnly(file, logs);
      inlet(packets); // warm-up: native libraries, JIT
      List<Timing> ffmpeg = new ArrayList<>();
      List<Timing> inlet = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        ffmpeg.add(ffmpegDecodeOnly(file, logs));
        inlet.add(inlet(packets));
      }
      Timing bestFfmpeg = best(ffmpeg);
      Timing bestInlet = best(inlet);
      System.out.printf("%s (%d packets)%n", file.getFileName(), packets.packets().size());
      print("  ffmpeg CLI ", ffmpeg, bestFfmpeg);
      print("  Inlet      ", inlet, bestInlet);
      System.out.printf("  ratio Inlet/ffmpeg: %.2f by wall time (goal >= 0.9), %.2f by CPU time%n",
          bestInlet.fps() / bestFfmpeg.fps(), best(inlet, Timing::cpuFps) / best(ffmpeg, Timing::cpuFps));
    }
  }

  /**
   * The CLI's decoding alone: a decoding run's times minus those of a run that only demuxes and
   * passes the packets on ({@code -c copy}), the part Inlet's side does not time either.
   */
  static Timing ffmpegDecodeOnly(Path file, Path logs) throws Exception {
    Timing decoding = ffmpeg(file, logs, false);
    Timing copying = ffmpeg(file, logs, true);
    return new Timing(decoding.frames(), decoding.wallSeconds() - copying.wallSeconds(),
        decoding.cpuSeconds() - copying.cpuSeconds());
  }

  static Timing ffmpeg(Path file, Path logs, boolean copyOnly) throws Exception {
    Path log = logs.resolve("ffmpeg-" + file.getFileName() + (copyOnly ? "-copy" : "") + ".log");
    List<String> args = new ArrayList<>(List.of("-benchmark", "-threads", "1", "-i", file.toString(), "-map", "0:v:0"));
    if (copyOnly) {
      args.addAll(List.of("-c", "copy"));
    }
    args.addAll(List.of("-f", "null", "-"));
    Ffmpeg.run(log, args.toArray(String[]::new));
    String output = Files.readString(log);
    Matcher bench = BENCH.matcher(output);
    if (!bench.find()) {
      throw new IllegalStateException("no -benchmark line in ffmpeg's output: " + Ffmpeg.tail(log));
    }
    Matcher frames = FRAMES.matcher(output);
    long count = 0;
    while (frames.find()) {
      count = Long.parseLong(frames.group(1));
    }
    double cpu = Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2));
    return new Timing(count, Double.parseDouble(bench.group(3)), cpu);
  }

  static Timing inlet(Demuxed track) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] frames = new long[1];
    FrameHandler count = (frame, ptsMillis) -> frames[0]++;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), new DecoderSettings(1, null))) {
      for (Demuxed.Packet p : track.packets()) {
        decoder.decode(p.data(), 0, p.data().length, p.dtsMillis(), p.ptsMillis(), p.keyframe(), count);
      }
      decoder.flush(count);
      if (decoder.decodeErrors() > 0) {
        throw new IllegalStateException(decoder.decodeErrors() + " decode errors");
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new Timing(frames[0], wall, cpu);
  }

  private static Timing best(List<Timing> runs) {
    return runs.stream().max(Comparator.comparingDouble(Timing::fps)).orElseThrow();
  }

  private static double best(List<Timing> runs, java.util.function.ToDoubleFunction<Timing> figure) {
    return runs.stream().mapToDouble(figure).max().orElseThrow();
  }

  private static void print(String who, List<Timing> runs, Timing best) {
    StringBuilder all = new StringBuilder();
    for (Timing t : runs) {
      all.append(String.format(" %.0f", t.fps()));
    }
    System.out.printf("%s best: %d frames in %.3f s = %.0f fps (cpu %.3f s = %.0f frames per CPU-second); all runs fps:%s%n",
        who, best.frames(), best.wallSeconds(), best.fps(), best.cpuSeconds(), best.cpuFps(), all);
  }
}
