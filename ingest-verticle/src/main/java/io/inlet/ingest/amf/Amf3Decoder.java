package io.inlet.ingest.amf;

import io.inlet.ingest.ByteCursor;
import io.inlet.ingest.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one AMF3 value, the one that follows an AMF0 avmplus-object marker (0x11). Each switch
 * gets a fresh instance, hence fresh string, object and traits tables, while depth and entries
 * count against the enclosing AMF0 decode call. Values map to the same Java types as AMF0 ones;
 * vectors, dictionaries and externalizable objects are rejected: no RTMP publisher sends them, and
 * an externalizable body cannot even be skipped without knowing its class.
 */
final class Amf3Decoder {

  private static final int UNDEFINED = 0x00;
  private static final int NULL = 0x01;
  private static final int FALSE = 0x02;
  private static final int TRUE = 0x03;
  private static final int INTEGER = 0x04;
  private static final int DOUBLE = 0x05;
  private static final int STRING = 0x06;
  private static final int XML_DOCUMENT = 0x07;
  private static final int DATE = 0x08;
  private static final int ARRAY = 0x09;
  private static final int OBJECT = 0x0A;
  private static final int XML = 0x0B;
  private static final int BYTE_ARRAY = 0x0C;

  /** A class description, sent inline once and by index afterwards. */
  private record Traits(String className, boolean dynamic, List<String> sealedNames) {}

  private final DecodeContext context;
  private final List<String> strings = new ArrayList<>();
  private final ReferenceTable objects = new ReferenceTable("AMF3 object reference");
  private final List<Traits> traits = new ArrayList<>();

  Amf3Decoder(DecodeContext context) {
    this.context = context;
  }

  Object readValue(ByteCursor in) {
    int marker = in.u8("AMF3 type marker");
    return switch (marker) {
      case UNDEFINED -> Amf0Undefined.INSTANCE;
      case NULL -> null;
      case FALSE -> Boolean.FALSE;
      case TRUE -> Boolean.TRUE;
      // Sign-extend the 29-bit two's complement value; integers map to Double like AMF0 numbers.
      case INTEGER -> (double) ((readU29(in, "AMF3 integer") << 3) >> 3);
      case DOUBLE -> in.f64("AMF3 double");
      case STRING -> readString(in, "AMF3 string");
      case XML_DOCUMENT, XML -> readXml(in);
      case DATE -> readDate(in);
      case ARRAY -> readArray(in);
      case OBJECT -> readObject(in);
      case BYTE_ARRAY -> readByteArray(in);
      default ->
          throw ProtocolException.unsupported(String.format("unsupported AMF3 type marker 0x%02x", marker));
    };
  }

  /** U29: 7 bits per byte while the high bit is set, the fourth byte contributing all 8 bits. */
  private static int readU29(ByteCursor in, String what) {
    int value = 0;
    for (int i = 0; i < 3; i++) {
      int b = in.u8(what);
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    return (value << 8) | in.u8(what);
  }

  /** UTF-8-vr: a reference into the string table, or an inline string (added unless empty). */
  private String readString(ByteCursor in, String what) {
    int header = readU29(in, what + " header");
    if ((header & 1) == 0) {
      int index = header >>> 1;
      if (index >= strings.size()) {
        throw ProtocolException.malformed("AMF3 string reference " + index + " points past the "
            + strings.size() + " strings decoded so far");
      }
      return strings.get(index);
    }
    String s = in.utf8(header >>> 1, what);
    if (!s.isEmpty()) {
      strings.add(s);
    }
    return s;
  }

  private Object readXml(ByteCursor in) {
    int header = readU29(in, "AMF3 XML header");
    if ((header & 1) == 0) {
      return objects.resolve(header >>> 1, context);
    }
    String xml = in.utf8(header >>> 1, "AMF3 XML");
    objects.add(xml);
    return xml;
  }

  private Object readDate(ByteCursor in) {
    int header = readU29(in, "AMF3 date header");
    if ((header & 1) == 0) {
      return objects.resolve(header >>> 1, context);
    }
    Amf0Date date = new Amf0Date(in.f64("AMF3 date"), (short) 0);
    objects.add(date);
    return date;
  }

  private Object readByteArray(ByteCursor in) {
    int header = readU29(in, "AMF3 byte array header");
    if ((header & 1) == 0) {
      return objects.resolve(header >>> 1, context);
    }
    int length = header >>> 1;
    byte[] bytes = in.bytes(length, "AMF3 byte array");
    objects.add(bytes);
    return bytes;
  }

  /**
   * An associative part (name, value pairs until the empty name) then a dense part. Without
   * associative entries it is a List; with them an Amf0EcmaArray, dense elements keyed by index.
   */
  private Object readArray(ByteCursor in) {
    int header = readU29(in, "AMF3 array header");
    if ((header & 1) == 0) {
      return objects.resolve(header >>> 1, context);
    }
    int denseCount = header >>> 1;
    context.enter();
    int index = objects.reserve();
    long before = context.entries();
    Amf0EcmaArray associative = null;
    for (String key = readString(in, "AMF3 array key"); !key.isEmpty();
        key = readString(in, "AMF3 array key")) {
      context.count(1);
      if (associative == null) {
        associative = new Amf0EcmaArray();
      }
      associative.put(key, readValue(in));
    }
    in.plausibleCount(denseCount, "AMF3 array");
    context.count(denseCount);
    Object result;
    if (associative == null) {
      List<Object> dense = new ArrayList<>(denseCount);
      for (int i = 0; i < denseCount; i++) {
        dense.add(readValue(in));
      }
      result = dense;
    } else {
      for (int i = 0; i < denseCount; i++) {
        associative.put(Integer.toString(i), readValue(in));
      }
      result = associative;
    }
    context.exit();
    objects.complete(index, result, context.entries() - before);
    return result;
  }

  /** Sealed member values in traits order, then dynamic (name, value) pairs if dynamic. */
  private Object readObject(ByteCursor in) {
    int header = readU29(in, "AMF3 object header");
    if ((header & 1) == 0) {
      return objects.resolve(header >>> 1, context);
    }
    Traits type = readTraits(in, header);
    context.enter();
    int index = objects.reserve();
    long before = context.entries();
    Amf0Object object = new Amf0Object(type.className().isEmpty() ? null : type.className());
    for (String name : type.sealedNames()) {
      context.count(1);
      object.put(name, readValue(in));
    }
    if (type.dynamic()) {
      for (String name = readString(in, "AMF3 member name"); !name.isEmpty();
          name = readString(in, "AMF3 member name")) {
        context.count(1);
        object.put(name, readValue(in));
      }
    }
    context.exit();
    objects.complete(index, object, context.entries() - before);
    return object;
  }

  private Traits readTraits(ByteCursor in, int header) {
    if ((header & 2) == 0) {
      int index = header >>> 2;
      if (index >= traits.size()) {
        throw ProtocolException.malformed("AMF3 traits reference " + index + " points past the "
            + traits.size() + " traits decoded so far");
      }
      return traits.get(index);
    }
    if ((header & 4) != 0) {
      throw ProtocolException.unsupported("AMF3 externalizable objects are not supported");
    }
    boolean dynamic = (header & 8) != 0;
    int sealedCount = header >>> 4;
    String className = readString(in, "AMF3 class name");
    in.plausibleCount(sealedCount, "AMF3 traits");
    List<String> names = new ArrayList<>(sealedCount);
    for (int i = 0; i < sealedCount; i++) {
      names.add(readString(in, "AMF3 sealed member name"));
    }
    Traits type = new Traits(className, dynamic, List.copyOf(names));
    traits.add(type);
    return type;
  }
}
