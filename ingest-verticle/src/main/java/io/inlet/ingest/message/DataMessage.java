package io.inlet.ingest.message;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data message (7.1.2, types 18 and 15): AMF values a publisher sends beside its media, of which
 * Inlet reads one: the stream's metadata, as {@code onMetaData} or {@code @setDataFrame}.
 *
 * @param values the decoded values, nulls included
 */
public record DataMessage(int messageStreamId, boolean amf3, List<Object> values) implements RtmpMessage {

  public DataMessage {
    values = Collections.unmodifiableList(values);
  }

  /** Parses a payload without moving its reader index. */
  public static DataMessage parse(int messageStreamId, ByteBuf payload, boolean amf3) {
    return new DataMessage(messageStreamId, amf3, AmfPayload.decode(payload, amf3));
  }

  /**
   * The properties of {@code onMetaData} (FFmpeg, OBS: {@code @setDataFrame, onMetaData, {...}};
   * Flash: {@code onMetaData, {...}}), if this message is one.
   */
  public Optional<Map<String, Object>> metadata() {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    int at = "@setDataFrame".equals(values.get(0)) ? 1 : 0;
    if (values.size() > at + 1
        && "onMetaData".equals(values.get(at))
        && values.get(at + 1) instanceof Map<?, ?> properties) {
      return Optional.of(castMap(properties));
    }
    return Optional.empty();
  }

  @Override
  public int typeId() {
    return amf3 ? MessageType.DATA_AMF3 : MessageType.DATA_AMF0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    // AMF object and ECMA array keys are always strings.
    return (Map<String, Object>) map;
  }
}
