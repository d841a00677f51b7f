package io.inlet.decode.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.inlet.decode.testing.NativeMemoryProbe;
import io.inlet.decode.testing.TestMedia;
import io.inlet.testkit.Ffmpeg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Native memory is freed on close: 200 cycles of opening a decoder, decoding a whole file, hashing,
 * snapshotting and closing (and one failed open each) leave the process RSS where the warm-up left
 * it. Measured in a child JVM set up so that only native memory moves RSS (see
 * {@link NativeMemoryProbe#process}): in the test JVM itself, G1 touching fresh eden pages and
 * glibc's moving mmap threshold moved RSS by 9-19 MB over such a loop without any leak; in the
 * child, 1-5 MB over 300 cycles.
 */
class NativeMemoryTest {

  private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryTest.class);
  private static final int WARM_UP = 30;
  private static final int CYCLES = 200;
  private static final long MAX_GROWTH_KB = 10 * 1024;
  private static final long TIMEOUT_SECONDS = 60;

  @Test
  void openDecodeCloseCyclesDoNotGrowRss(@TempDir Path dir) throws Exception {
    // Output goes to files, so that waitFor's timeout applies even when the probe hangs silently.
    Path stdout = dir.resolve("probe.out");
    Path stderr = dir.resolve("probe.err");
    Process probe = NativeMemoryProbe.process(TestMedia.H264.path(), WARM_UP, CYCLES)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!probe.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("the probe did not finish within %d s; its error output: %s", TIMEOUT_SECONDS, Ffmpeg.tail(stderr));
    }
    String output = Files.readString(stdout, StandardCharsets.UTF_8).trim();
    assertThat(probe.exitValue()).as("probe output: %s; its error output: %s", output, Ffmpeg.tail(stderr)).isZero();

    String[] last = output.lines().reduce((a, b) -> b).orElseThrow().split(" ");
    long before = Long.parseLong(last[0]);
    long after = Long.parseLong(last[1]);
    long frames = Long.parseLong(last[2]);
    long millis = Long.parseLong(last[3]);
    LOG.info("{} open/decode/close cycles, {} frames in {} ms ({} fps incl. open/close): RSS {} kB -> {} kB ({} kB)",
        CYCLES, frames, millis, frames * 1000 / Math.max(1, millis), before, after, after - before);
    assertThat(frames).isEqualTo(CYCLES * 50L);
    assertThat(after - before).isLessThan(MAX_GROWTH_KB);
  }
}
