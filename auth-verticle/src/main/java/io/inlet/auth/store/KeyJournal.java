package io.inlet.auth.store;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file {@code keys.journal}: one JSON {@link JournalRecord} per line, each ended by a
 * line feed. Blocking I/O; callers keep it off event loops.
 */
final class KeyJournal implements Closeable {

  static final String FILE_NAME = "keys.journal";
  private static final Logger log = LoggerFactory.getLogger(KeyJournal.class);

  /** A record and the 1-based line it came from. */
  record Line(int number, JournalRecord record) {}

  /** What a journal holds; {@code tornTail} says an incomplete last line was left out. */
  record Contents(boolean exists, List<Line> lines, boolean tornTail) {}

  private final Path file;
  private final FileChannel channel;
  private long size;
  private boolean broken;

  private KeyJournal(Path file, FileChannel channel, long size) {
    this.file = file;
    this.channel = channel;
    this.size = size;
  }

  /**
   * Reads every record. The last line may be torn by a crash mid-write (no line feed, or not JSON):
   * it is left out with a warning. Anything else that does not read stops here.
   */
  static Contents read(Path file) throws KeyStoreException {
    if (!Files.exists(file)) {
      return new Contents(false, List.of(), false);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyStoreException("Cannot read key journal " + file + ": " + e.getMessage(), e);
    }
    List<Line> lines = new ArrayList<>();
    boolean torn = false;
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      number++;
      int end = indexOf(bytes, (byte) '\n', start);
      boolean terminated = end >= 0;
      int stop = terminated ? end : bytes.length;
      boolean last = stop >= bytes.length - 1;
      JsonObject json = null;
      String syntaxProblem = terminated ? null : "the line is not terminated";
      if (syntaxProblem == null) {
        try {
          json = JournalRecord.json(decodeUtf8(bytes, start, stop));
        } catch (CharacterCodingException e) {
          syntaxProblem = "the line is not UTF-8";
        } catch (DecodeException e) {
          syntaxProblem = "the line is not a JSON object";
        }
      }
      if (syntaxProblem != null && last) {
        log.warn("Ignoring the torn last line {} of key journal {} ({}), left by an interrupted write",
            number, file, syntaxProblem);
        torn = true;
      } else if (syntaxProblem != null) {
        throw corrupt(file, number, syntaxProblem);
      } else {
        try {
          lines.add(new Line(number, JournalRecord.of(json)));
        } catch (IllegalArgumentException e) {
          throw corrupt(file, number, e.getMessage());
        }
      }
      start = stop + 1;
    }
    return new Contents(true, lines, torn);
  }

  static KeyStoreException corrupt(Path file, int line, String problem) {
    return new KeyStoreException("Key journal " + file + " is corrupt at line " + line + ": " + problem
        + ". Repair the file or move it aside; the key store will not start in its place.");
  }

  /**
   * Replaces the journal with exactly these records: written to a temporary file, forced, then
   * atomically renamed over the journal, and the directory forced.
   */
  static void rewrite(Path file, List<JournalRecord> records) throws IOException {
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = encode(records);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(file.getParent());
  }

  static KeyJournal openForAppend(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    return new KeyJournal(file, channel, channel.size());
  }

  /**
   * Appends the records, forcing them to the device when {@code force}. On failure the partial write
   * is cut off again and the journal refuses further writes, so it never holds a torn middle line.
   */
  synchronized void append(List<JournalRecord> records, boolean force) throws IOException {
    if (broken) {
      throw new KeyStoreException("Key journal " + file + " failed an earlier write; restart to recover.");
    }
    if (records.isEmpty()) {
      return;
    }
    ByteBuffer buffer = encode(records);
    int length = buffer.remaining();
    try {
      long at = size;
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
      if (force) {
        channel.force(false);
      }
      size += length;
    } catch (IOException e) {
      broken = true;
      try {
        channel.truncate(size);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new KeyStoreException("Cannot write key journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private static ByteBuffer encode(List<JournalRecord> records) {
    StringBuilder text = new StringBuilder();
    for (JournalRecord record : records) {
      text.append(record.toLine()).append('\n');
    }
    return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeUtf8(byte[] bytes, int from, int to) throws CharacterCodingException {
    CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, from, to - from));
    return chars.toString();
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("Cannot force directory {} on this platform: {}", dir, e.getMessage());
    }
  }
}
