package io.inlet.decode.testing;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import io.inlet.bus.MediaCodec;
import io.inlet.bus.TrackKind;
import io.inlet.testkit.Demuxed;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.FrameMd5;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small real source files, encoded once by the bundled ffmpeg into {@code target/test-media} (the
 * file name carries a hash of the command, so a changed recipe makes a new file). All FLV, as Inlet
 * receives them over RTMP: H.264/HEVC with avcC/hvcC and length-prefixed NAL units, AV1 with av1C,
 * VP9 with vpcC, AAC with an AudioSpecificConfig, Opus with an OpusHead, MP3 bare.
 */
public enum TestMedia {
  H264(MediaCodec.H264, video("320x240", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25")),
  H264_640(MediaCodec.H264, video("640x360", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25")),
  HEVC(MediaCodec.HEVC, video("320x240", "-c:v", "libx265", "-preset", "ultrafast", "-g", "25", "-x265-params", "log-level=error")),
  AV1(MediaCodec.AV1, video("320x240", "-c:v", "libsvtav1", "-preset", "12", "-g", "25", "-svtav1-params", "lp=1")),
  VP9(MediaCodec.VP9, video("320x240", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25")),
  AAC(MediaCodec.AAC, audio(44100, "-c:a", "aac", "-b:a", "64k")),
  OPUS(MediaCodec.OPUS, audio(48000, "-c:a", "libopus", "-b:a", "48k")),
  MP3(MediaCodec.MP3, audio(44100, "-c:a", "libmp3lame", "-b:a", "64k"));

  private static final Path DIR = Path.of("target", "test-media");

  private final MediaCodec codec;
  private final List<String> args;
  private Path path;
  private List<FrameMd5.Line> reference;

  TestMedia(MediaCodec codec, List<String> args) {
    this.codec = codec;
    this.args = args;
  }

  /** The codec Inlet would announce for this file's track. */
  public MediaCodec codec() {
    return codec;
  }

  /** The file's track of this media's kind, read with libavformat. */
  public Demuxed demux() {
    return Demuxed.read(path(), codec.track() == TrackKind.VIDEO ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO);
  }

  /** FFmpeg's own decode of this file's track ({@code framemd5}), run once per test JVM. */
  public synchronized List<FrameMd5.Line> reference() throws IOException, InterruptedException {
    if (reference == null) {
      reference = FrameMd5.of(path(), codec.track() == TrackKind.VIDEO ? "v" : "a");
    }
    return reference;
  }

  /** The file, encoded on first use. */
  public synchronized Path path() {
    if (path == null) {
      try {
        path = encode();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while encoding " + this, e);
      }
    }
    return path;
  }

  private Path encode() throws IOException, InterruptedException {
    Files.createDirectories(DIR);
    String name = name().toLowerCase() + "-" + Integer.toHexString(args.hashCode()) + ".flv";
    Path target = DIR.resolve(name).toAbsolutePath();
    if (Files.exists(target)) {
      return target;
    }
    Path partial = DIR.resolve(name + ".part.flv").toAbsolutePath();
    List<String> command = new ArrayList<>(args);
    command.addAll(List.of("-f", "flv", partial.toString()));
    Ffmpeg.run(DIR.resolve(name + ".log"), command.toArray(String[]::new));
    return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> video(String size, String... codec) {
    List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-f", "lavfi", "-i",
        "testsrc2=size=" + size + ":rate=25:duration=2", "-pix_fmt", "yuv420p"));
    args.addAll(List.of(codec));
    return List.copyOf(args);
  }

  private static List<String> audio(int sampleRate, String... codec) {
    List<String> args = new ArrayList<>(List.of("-loglevel", "error", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=2:sample_rate=" + sampleRate));
    args.addAll(List.of(codec));
    return List.copyOf(args);
  }
}
