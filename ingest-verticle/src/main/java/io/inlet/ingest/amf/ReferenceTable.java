package io.inlet.ingest.amf;

import io.inlet.ingest.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of complex values for AMF references (AMF0 0x07, AMF3 object references).
 *
 * <p>Two guards make references safe to accept from a peer. A value is reserved when it starts and
 * only becomes referable when it is complete, so a reference cannot build a cycle (which would
 * make equals, hashCode and re-encoding loop forever). And each value remembers how many entries
 * it holds, which a reference charges again to the decode budget: a few bytes of references to
 * references cannot expand into a graph whose walk is exponential.
 */
final class ReferenceTable {

  private static final long INCOMPLETE = -1;

  private final String kind;
  private final List<Object> values = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();

  ReferenceTable(String kind) {
    this.kind = kind;
  }

  /** Reserves the next index for a value whose contents are still being decoded. */
  int reserve() {
    values.add(null);
    sizes.add(INCOMPLETE);
    return values.size() - 1;
  }

  /** Makes the value at {@code index} referable, holding {@code size} entries. */
  void complete(int index, Object value, long size) {
    values.set(index, value);
    sizes.set(index, size);
  }

  /** Adds a value that holds no entries (a date, XML, a byte array). */
  void add(Object value) {
    complete(reserve(), value, 0);
  }

  Object resolve(long index, DecodeContext context) {
    if (index >= values.size()) {
      throw ProtocolException.malformed(
          kind + " " + index + " points past the " + values.size() + " values decoded so far");
    }
    long size = sizes.get((int) index);
    if (size == INCOMPLETE) {
      throw ProtocolException.malformed(
          kind + " " + index + " points to a value that encloses it, which would be a cycle");
    }
    context.count(size);
    return values.get((int) index);
  }
}
