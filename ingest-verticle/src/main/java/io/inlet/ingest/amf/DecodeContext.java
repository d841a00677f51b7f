package io.inlet.ingest.amf;

import io.inlet.ingest.ProtocolException;

/**
 * The budget of one decode call: nesting depth (the decoders recurse, so this bounds the stack)
 * and the total number of properties and elements (this bounds memory and the work a consumer does
 * walking the result). AMF3 values inside the call share the same budget.
 */
final class DecodeContext {

  private final int maxDepth;
  private final int maxEntries;
  private int depth;
  private long entries;

  /** AMF0 complex values in the order they started, for 0x07 references. */
  final ReferenceTable amf0References = new ReferenceTable("AMF0 reference");

  DecodeContext(int maxDepth, int maxEntries) {
    this.maxDepth = maxDepth;
    this.maxEntries = maxEntries;
  }

  /** Called on entering an object or array; fails before recursing past the limit. */
  void enter() {
    if (++depth > maxDepth) {
      throw ProtocolException.limitExceeded("AMF value nested deeper than " + maxDepth + " levels");
    }
  }

  void exit() {
    depth--;
  }

  /** Counts {@code n} more properties or elements; called before allocating for them. */
  void count(long n) {
    entries += n;
    if (entries > maxEntries) {
      throw ProtocolException.limitExceeded(
          "AMF value has more than " + maxEntries + " properties and elements in total");
    }
  }

  /** Entries counted so far; the difference across a complex value is that value's size. */
  long entries() {
    return entries;
  }
}
