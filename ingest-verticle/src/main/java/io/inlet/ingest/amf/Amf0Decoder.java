package io.inlet.ingest.amf;

import static io.inlet.ingest.amf.Amf0Marker.*;

import io.inlet.ingest.ByteCursor;
import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF0 values (and AMF3 values after the avmplus-object marker 0x11) from the body of a
 * complete RTMP message. Not incremental: the chunk layer has already reassembled the message, so
 * running out of bytes means the peer sent a malformed value, and is reported as such.
 *
 * <p>Every violation, including truncation, an unknown marker, and exceeding the depth or entry
 * limits, is a {@link ProtocolException}; on failure the reader index is left where it was. An
 * instance holds only its limits, so one can be shared by all connections.
 */
public final class Amf0Decoder {

  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_ENTRIES = 65536;

  /**
   * The decoders recurse once per nesting level, on an event-loop thread; this keeps the deepest
   * allowed recursion within half of a default 1 MiB thread stack, even before the JIT has
   * compiled the decoder (interpreted frames are the largest), whatever a caller configures.
   */
  public static final int MAX_DEPTH_CAP = 256;

  private final int maxDepth;
  private final int maxEntries;

  public Amf0Decoder() {
    this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES);
  }

  /**
   * @param maxDepth how many objects and arrays may enclose one another, 1 to {@link #MAX_DEPTH_CAP}
   * @param maxEntries how many properties and elements one decode call may produce in total
   */
  public Amf0Decoder(int maxDepth, int maxEntries) {
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_CAP) {
      throw new IllegalArgumentException("maxDepth must be in 1.." + MAX_DEPTH_CAP + ": " + maxDepth);
    }
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
    }
    this.maxDepth = maxDepth;
    this.maxEntries = maxEntries;
  }

  /** Decodes one value and advances the reader index past it. */
  public Object decode(ByteBuf in) {
    int start = in.readerIndex();
    try {
      return readValue(cursor(in), new DecodeContext(maxDepth, maxEntries));
    } catch (ProtocolException e) {
      in.readerIndex(start);
      throw e;
    }
  }

  /**
   * Decodes values until {@code in} is exhausted, e.g. the name, transaction id and arguments of a
   * command message. The values share one budget and one reference table, as in one message.
   */
  public List<Object> decodeAll(ByteBuf in) {
    int start = in.readerIndex();
    DecodeContext context = new DecodeContext(maxDepth, maxEntries);
    ByteCursor cursor = cursor(in);
    List<Object> values = new ArrayList<>();
    try {
      while (cursor.hasMore()) {
        values.add(readValue(cursor, context));
      }
      return values;
    } catch (ProtocolException e) {
      in.readerIndex(start);
      throw e;
    }
  }

  /** Reads {@code in} itself: decoding consumes the values, as a caller of decode expects. */
  private static ByteCursor cursor(ByteBuf in) {
    return ByteCursor.on(in, "AMF value");
  }

  /** AMF0 UTF-8: a u16 byte length, then the bytes. */
  private static String shortString(ByteCursor in, String what) {
    return in.utf8(in.u16(what + " length"), what);
  }

  /** AMF0 UTF-8-long: a u32 byte length, then the bytes. */
  private static String longString(ByteCursor in, String what) {
    return in.utf8(in.u32(what + " length"), what);
  }

  private static Object readValue(ByteCursor in, DecodeContext context) {
    int marker = in.u8("AMF0 type marker");
    return switch (marker) {
      case NUMBER -> in.f64("AMF0 number");
      case BOOLEAN -> in.u8("AMF0 boolean") != 0;
      case STRING -> shortString(in, "AMF0 string");
      case OBJECT -> readProperties(in, context, new Amf0Object());
      case NULL -> null;
      case UNDEFINED -> Amf0Undefined.INSTANCE;
      case REFERENCE -> readReference(in, context);
      case ECMA_ARRAY -> readEcmaArray(in, context);
      case OBJECT_END ->
          throw ProtocolException.malformed("AMF0 object-end marker 0x09 where a value was expected");
      case STRICT_ARRAY -> readStrictArray(in, context);
      case DATE -> readDate(in);
      case LONG_STRING -> longString(in, "AMF0 long string");
      case XML_DOCUMENT -> longString(in, "AMF0 XML document");
      case TYPED_OBJECT ->
          readProperties(in, context, new Amf0Object(shortString(in, "AMF0 class name")));
      case AVMPLUS_OBJECT -> new Amf3Decoder(context).readValue(in);
      // MOVIECLIP, UNSUPPORTED, RECORDSET and anything past 0x11 carry no value we could use.
      default ->
          throw ProtocolException.unsupported(String.format("unsupported AMF0 type marker 0x%02x", marker));
    };
  }

  private static Object readReference(ByteCursor in, DecodeContext context) {
    return context.amf0References.resolve(in.u16("AMF0 reference"), context);
  }

  /**
   * The u32 count is only a hint: FFmpeg writes 0 for onMetaData and other encoders miscount, so
   * the properties run until the object-end marker and nothing is sized by the count.
   */
  private static Amf0EcmaArray readEcmaArray(ByteCursor in, DecodeContext context) {
    in.skip(4, "AMF0 ECMA array count");
    return readProperties(in, context, new Amf0EcmaArray());
  }

  /** Object, typed object and ECMA array bodies: (name, value) pairs until "" and 0x09. */
  private static <M extends Map<String, Object>> M readProperties(
      ByteCursor in, DecodeContext context, M properties) {
    context.enter();
    int index = context.amf0References.reserve();
    long before = context.entries();
    while (true) {
      String name = shortString(in, "AMF0 property name");
      if (name.isEmpty()) {
        int end = in.u8("AMF0 object-end marker");
        if (end != OBJECT_END) {
          throw ProtocolException.malformed(String.format(
              "AMF0 empty property name followed by 0x%02x instead of the object-end marker", end));
        }
        break;
      }
      context.count(1);
      properties.put(name, readValue(in, context));
    }
    context.exit();
    context.amf0References.complete(index, properties, context.entries() - before);
    return properties;
  }

  private static List<Object> readStrictArray(ByteCursor in, DecodeContext context) {
    long count = in.u32("AMF0 strict array count");
    in.plausibleCount(count, "AMF0 strict array");
    context.enter();
    context.count(count);
    int index = context.amf0References.reserve();
    long before = context.entries() - count;
    List<Object> elements = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      elements.add(readValue(in, context));
    }
    context.exit();
    context.amf0References.complete(index, elements, context.entries() - before);
    return elements;
  }

  private static Amf0Date readDate(ByteCursor in) {
    double epochMillis = in.f64("AMF0 date");
    return new Amf0Date(epochMillis, in.s16("AMF0 date time zone"));
  }
}
