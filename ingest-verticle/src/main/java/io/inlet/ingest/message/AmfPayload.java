package io.inlet.ingest.message;

import io.inlet.ingest.amf.Amf0Decoder;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** The AMF values of a command or data message, as both kinds carry them. */
final class AmfPayload {

  /** Holds only its limits, so one decoder serves every connection. */
  private static final Amf0Decoder AMF = new Amf0Decoder();

  private AmfPayload() {}

  /** Decodes every value of {@code payload} without moving its reader index. */
  static List<Object> decode(ByteBuf payload, boolean amf3) {
    ByteBuf body = payload.duplicate();
    // AMF3 command and data messages start with one format byte (0) and then carry AMF0 values;
    // the values may switch to AMF3 with the avmplus marker, which the AMF0 decoder understands.
    if (amf3 && body.isReadable()) {
      body.skipBytes(1);
    }
    return AMF.decodeAll(body);
  }
}
