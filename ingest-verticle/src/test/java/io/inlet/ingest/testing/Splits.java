package io.inlet.ingest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a fuzz input's first byte cuts the rest into reads, so one input says both what a peer sends
 * and how the network splits it: 0 is everything at once, 1 one byte at a time, any other value a
 * reproducible mix of short and long pieces.
 */
public final class Splits {

  private Splits() {}

  /** The pieces of {@code input} after its first byte, which chooses the split. */
  public static List<byte[]> of(byte[] input) {
    List<byte[]> pieces = new ArrayList<>();
    if (input.length < 2) {
      return pieces;
    }
    int mode = input[0] & 0xFF;
    SplittableRandom random = new SplittableRandom(mode);
    int largest = 1 << (mode % 13);
    int at = 1;
    while (at < input.length) {
      int n = mode == 0 ? input.length - at : mode == 1 ? 1 : 1 + random.nextInt(largest);
      n = Math.min(n, input.length - at);
      byte[] piece = new byte[n];
      System.arraycopy(input, at, piece, 0, n);
      pieces.add(piece);
      at += n;
    }
    return pieces;
  }

  /** The bytes after the first, all at once. */
  public static byte[] whole(byte[] input) {
    byte[] rest = new byte[Math.max(0, input.length - 1)];
    System.arraycopy(input, Math.min(1, input.length), rest, 0, rest.length);
    return rest;
  }
}
