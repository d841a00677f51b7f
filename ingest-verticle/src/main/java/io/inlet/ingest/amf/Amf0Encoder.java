package io.inlet.ingest.amf;

import static io.inlet.ingest.amf.Amf0Marker.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values as AMF0, the inverse of {@link Amf0Decoder}'s mapping. It never writes
 * references or AMF3: every RTMP client reads plain AMF0, and the server only writes its own
 * replies, so a value it cannot encode is a bug in the caller and fails with
 * IllegalArgumentException rather than a ProtocolException.
 */
public final class Amf0Encoder {

  private static final int MAX_SHORT_STRING = 0xFFFF;

  private Amf0Encoder() {}

  /**
   * Writes one value. Numbers of any type become AMF0 numbers; strings over 65535 UTF-8 bytes use
   * the long-string marker; an Amf0Object with a class name becomes a typed object.
   */
  public static void encode(ByteBuf out, Object value) {
    write(out, value, 0);
  }

  /** Encodes the values one after another into a fresh heap buffer, e.g. a command reply. */
  public static ByteBuf encodeAll(Object... values) {
    ByteBuf out = Unpooled.buffer();
    for (Object value : values) {
      encode(out, value);
    }
    return out;
  }

  private static void write(ByteBuf out, Object value, int depth) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Number n) {
      out.writeByte(NUMBER).writeDouble(n.doubleValue());
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Amf0Date d) {
      out.writeByte(DATE).writeDouble(d.epochMillis()).writeShort(d.timeZoneMinutes());
    } else if (value == Amf0Undefined.INSTANCE) {
      out.writeByte(UNDEFINED);
    } else if (value instanceof Amf0EcmaArray array) {
      // The count is only a hint to readers, but an honest one costs nothing.
      out.writeByte(ECMA_ARRAY).writeInt(array.size());
      writeProperties(out, array, depth + 1);
    } else if (value instanceof Amf0Object object && object.className() != null) {
      out.writeByte(TYPED_OBJECT);
      writeName(out, object.className(), "class name");
      writeProperties(out, object, depth + 1);
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(OBJECT);
      writeProperties(out, map, depth + 1);
    } else if (value instanceof List<?> list) {
      checkDepth(depth + 1);
      out.writeByte(STRICT_ARRAY).writeInt(list.size());
      for (Object element : list) {
        write(out, element, depth + 1);
      }
    } else {
      throw new IllegalArgumentException(
          "cannot encode a " + value.getClass().getName() + " as AMF0");
    }
  }

  private static void writeString(ByteBuf out, String s) {
    int length = ByteBufUtil.utf8Bytes(s);
    if (length <= MAX_SHORT_STRING) {
      out.writeByte(STRING).writeShort(length);
    } else {
      out.writeByte(LONG_STRING).writeInt(length);
    }
    ByteBufUtil.reserveAndWriteUtf8(out, s, length);
  }

  private static void writeProperties(ByteBuf out, Map<?, ?> properties, int depth) {
    checkDepth(depth);
    for (Map.Entry<?, ?> entry : properties.entrySet()) {
      if (!(entry.getKey() instanceof String name) || name.isEmpty()) {
        // An empty name would read back as the end of the object.
        throw new IllegalArgumentException(
            "AMF0 property names must be non-empty strings: " + entry.getKey());
      }
      writeName(out, name, "property name");
      write(out, entry.getValue(), depth);
    }
    out.writeShort(0).writeByte(OBJECT_END);
  }

  /** Names have a u16 length and no long form. */
  private static void writeName(ByteBuf out, String name, String what) {
    int length = ByteBufUtil.utf8Bytes(name);
    if (length > MAX_SHORT_STRING) {
      throw new IllegalArgumentException("AMF0 " + what + " longer than 65535 UTF-8 bytes");
    }
    out.writeShort(length);
    ByteBufUtil.reserveAndWriteUtf8(out, name, length);
  }

  /**
   * Keeps what we write decodable by a default {@link Amf0Decoder}, and turns a value that
   * contains itself into an exception instead of a StackOverflowError.
   */
  private static void checkDepth(int depth) {
    if (depth > Amf0Decoder.DEFAULT_MAX_DEPTH) {
      throw new IllegalArgumentException("AMF0 value nested deeper than "
          + Amf0Decoder.DEFAULT_MAX_DEPTH + " levels (does it contain itself?)");
    }
  }
}
