package io.inlet.decode.sink;

import io.inlet.decode.codec.FrameHasher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code DIR/<name>.video.md5}: one line per decoded video frame, {@code <pts in ms> <md5>},
 * the md5 over the frame's planes as {@code ffmpeg -f framemd5} hashes them, so a stream's decode can
 * be compared with FFmpeg's frame by frame. Truncated when the stream starts. Runs on the stream's
 * decode worker, where file writes are allowed.
 */
public final class FrameHashSink implements FrameSink {

  private final FrameHasher hasher = new FrameHasher();
  private final BufferedWriter out;

  public FrameHashSink(Path directory, String streamName) {
    try {
      Files.createDirectories(directory);
      out = Files.newBufferedWriter(directory.resolve(streamName + ".video.md5"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      hasher.close();
      throw new UncheckedIOException("cannot write frame hashes to " + directory, e);
    }
  }

  @Override
  public void onVideoFrame(VideoFrame frame) {
    try {
      out.write(frame.ptsMillis() + " " + hasher.md5Hex(frame.frame()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      hasher.close();
    }
  }
}
