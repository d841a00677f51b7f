package io.inlet.ingest.amf;

import static io.inlet.ingest.amf.Amf0Marker.*;

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
      return readValue(in, new DecodeContext(maxDepth, maxEntries));
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
    List<Object> values = new ArrayList<>();
    try {
      while (in.isReadable()) {
        values.add(readValue(in, context));
      }
      return values;
    } catch (ProtocolException e) {
      in.readerIndex(start);
      throw e;
    }
  }

  private static Object readValue(ByteBuf in, DecodeContext context) {
    int marker = Reads.unsignedByte(in, "AMF0 type marker");
    return switch (marker) {
      case NUMBER -> Reads.doubleValue(in, "AMF0 number");
      case BOOLEAN -> Reads.unsignedByte(in, "AMF0 boolean") != 0;
      case STRING -> Reads.shortString(in, "AMF0 string");
      case OBJECT -> readProperties(in, context, new Amf0Object());
      case NULL -> null;
      case UNDEFINED -> Amf0Undefined.INSTANCE;
      case REFERENCE -> readReference(in, context);
      case ECMA_ARRAY -> readEcmaArray(in, context);
      case OBJECT_END ->
          throw new ProtocolException("AMF0 object-end marker 0x09 where a value was expected");
      case STRICT_ARRAY -> readStrictArray(in, context);
      case DATE -> readDate(in);
      case LONG_STRING -> Reads.longString(in, "AMF0 long string");
      case XML_DOCUMENT -> Reads.longString(in, "AMF0 XML document");
      case TYPED_OBJECT ->
          readProperties(in, context, new Amf0Object(Reads.shortString(in, "AMF0 class name")));
      case AVMPLUS_OBJECT -> new Amf3Decoder(context).readValue(in);
      // MOVIECLIP, UNSUPPORTED, RECORDSET and anything past 0x11 carry no value we could use.
      default ->
          throw new ProtocolException(String.format("unsupported AMF0 type marker 0x%02x", marker));
    };
  }

  private static Object readReference(ByteBuf in, DecodeContext context) {
    Reads.need(in, 2, "AMF0 reference");
    return context.amf0References.resolve(in.readUnsignedShort(), context);
  }

  /**
   * The u32 count is only a hint: FFmpeg writes 0 for onMetaData and other encoders miscount, so
   * the properties run until the object-end marker and nothing is sized by the count.
   */
  private static Amf0EcmaArray readEcmaArray(ByteBuf in, DecodeContext context) {
    Reads.need(in, 4, "AMF0 ECMA array count");
    in.skipBytes(4);
    return readProperties(in, context, new Amf0EcmaArray());
  }

  /** Object, typed object and ECMA array bodies: (name, value) pairs until "" and 0x09. */
  private static <M extends Map<String, Object>> M readProperties(
      ByteBuf in, DecodeContext context, M properties) {
    context.enter();
    int index = context.amf0References.reserve();
    long before = context.entries();
    while (true) {
      String name = Reads.shortString(in, "AMF0 property name");
      if (name.isEmpty()) {
        int end = Reads.unsignedByte(in, "AMF0 object-end marker");
        if (end != OBJECT_END) {
          throw new ProtocolException(String.format(
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

  private static List<Object> readStrictArray(ByteBuf in, DecodeContext context) {
    Reads.need(in, 4, "AMF0 strict array count");
    long count = in.readUnsignedInt();
    Reads.plausibleCount(in, count, "AMF0 strict array");
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

  private static Amf0Date readDate(ByteBuf in) {
    Reads.need(in, 10, "AMF0 date");
    double epochMillis = in.readDouble();
    return new Amf0Date(epochMillis, in.readShort());
  }
}
