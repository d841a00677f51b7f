package io.inlet.decode.testing;

import io.inlet.bus.MediaCodec;
import io.inlet.decode.codec.DecoderSettings;
import io.inlet.decode.codec.DecoderUnavailableException;
import io.inlet.decode.codec.FrameHandler;
import io.inlet.decode.codec.FrameHasher;
import io.inlet.decode.codec.JpegEncoder;
import io.inlet.decode.codec.PacketDecoder;
import io.inlet.testkit.Demuxed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in its own JVM (see {@link #process}): decodes a file through open/decode/close cycles and prints
 * {@code rssBeforeKb rssAfterKb frames millis} for the measured cycles.
 */
public final class NativeMemoryProbe {

  private static final byte[] REFUSED_AAC_CONFIG = {(byte) 0xF8, 0, 0, 0};

  private NativeMemoryProbe() {}

  /** Arguments: source file, warm-up cycles, measured cycles. */
  public static void main(String[] args) throws Exception {
    Demuxed track = Demuxed.read(Path.of(args[0]), org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO);
    int warmUp = Integer.parseInt(args[1]);
    int cycles = Integer.parseInt(args[2]);
    for (int i = 0; i < warmUp; i++) {
      cycle(track);
    }
    long before = rssKb();
    long started = System.nanoTime();
    long frames = 0;
    for (int i = 0; i < cycles; i++) {
      frames += cycle(track);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println(before + " " + rssKb() + " " + frames + " " + millis);
  }

  /**
   * A process builder that runs this probe in a JVM like the current one, set up so that RSS
   * growth means native memory kept: a fixed, pre-touched heap (fresh eden pages would count),
   * C1 only (C2's compiler arenas would count), and glibc's mmap threshold pinned at 64 KiB (its
   * dynamic threshold otherwise moves freed frame buffers from mmap into the heap, a one-off
   * step of several MB that looks like a leak).
   */
  public static ProcessBuilder process(Path source, int warmUp, int cycles) {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        NativeMemoryProbe.class.getName(), source.toString(), Integer.toString(warmUp), Integer.toString(cycles));
    builder.environment().put("MALLOC_MMAP_THRESHOLD_", "65536");
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    return builder;
  }

  /**
   * One decoder, hasher and JPEG encoder through their whole life, plus an open that fails half-way
   * (after the codec context is allocated); returns the frames decoded.
   */
  private static int cycle(Demuxed track) throws DecoderUnavailableException {
    try {
      PacketDecoder.open(MediaCodec.AAC, REFUSED_AAC_CONFIG, DecoderSettings.DEFAULT).close();
      throw new AssertionError("the AAC decoder accepted a configuration it should refuse");
    } catch (DecoderUnavailableException expected) {
      // freed on the failure path
    }
    int[] frames = {0};
    try (PacketDecoder decoder = PacketDecoder.open(MediaCodec.H264, track.extradata(), DecoderSettings.DEFAULT);
        FrameHasher hasher = new FrameHasher();
        JpegEncoder jpeg = new JpegEncoder(160, 8)) {
      FrameHandler out = (frame, pts) -> {
        if (frames[0]++ == 0) {
          hasher.md5Hex(frame);
          jpeg.encode(frame);
        }
      };
      Decoding.feed(decoder, track.packets(), out);
      decoder.flush(out);
    }
    return frames[0];
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
