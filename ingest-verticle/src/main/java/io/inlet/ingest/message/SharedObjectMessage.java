package io.inlet.ingest.message;

/**
 * A shared-object message (7.1.3, types 19 and 16). Publishers have no use for them and Inlet
 * offers none, so the payload is not parsed: the session notes and ignores it.
 */
public record SharedObjectMessage(boolean amf3) implements RtmpMessage {

  @Override
  public int typeId() {
    return amf3 ? MessageType.SHARED_OBJECT_AMF3 : MessageType.SHARED_OBJECT_AMF0;
  }
}
