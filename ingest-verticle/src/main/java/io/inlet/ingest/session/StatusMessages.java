package io.inlet.ingest.session;

import io.inlet.ingest.amf.Amf0Encoder;
import io.inlet.ingest.amf.Amf0Object;
import io.netty.buffer.ByteBuf;

/** Builders for the AMF0 command replies a publishing client expects, in the shapes FMS sends them. */
final class StatusMessages {

  private StatusMessages() {}

  static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
  static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
  static final String CALL_FAILED = "NetConnection.Call.Failed";
  static final String PUBLISH_START = "NetStream.Publish.Start";
  static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
  static final String PUBLISH_FAILED = "NetStream.Publish.Failed";
  static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
  static final String PLAY_FAILED = "NetStream.Play.Failed";
  static final String RECONNECT_REQUEST = "NetConnection.Connect.ReconnectRequest";

  static ByteBuf connectResult(double transactionId, double objectEncoding, Object fourCcList) {
    Amf0Object properties = new Amf0Object()
        .with("fmsVer", "FMS/3,5,7,7009")
        .with("capabilities", 31.0)
        .with("mode", 1.0);
    if (fourCcList != null) {
      // Enhanced RTMP: echo the codecs we accept so that clients which ask know they may send them.
      properties.with("fourCcList", fourCcList);
    }
    Amf0Object info = status("status", CONNECT_SUCCESS, "Connection succeeded.")
        .with("objectEncoding", objectEncoding);
    return Amf0Encoder.encodeAll("_result", transactionId, properties, info);
  }

  static ByteBuf result(double transactionId, Object commandObject, Object value) {
    return Amf0Encoder.encodeAll("_result", transactionId, commandObject, value);
  }

  static ByteBuf error(double transactionId, String code, String description) {
    return Amf0Encoder.encodeAll("_error", transactionId, null, status("error", code, description));
  }

  static ByteBuf onStatus(String level, String code, String description) {
    return Amf0Encoder.encodeAll("onStatus", 0.0, null, status(level, code, description));
  }

  /** The NetConnection onStatus of Enhanced RTMP v2 that asks a client to reconnect (tcUrl optional). */
  static ByteBuf reconnectRequest(String tcUrl, String description) {
    Amf0Object info = new Amf0Object();
    if (tcUrl != null) {
      info.with("tcUrl", tcUrl);
    }
    info.with("code", RECONNECT_REQUEST).with("description", description).with("level", "status");
    return Amf0Encoder.encodeAll("onStatus", 0.0, null, info);
  }

  static ByteBuf onFcPublish(String code, String description) {
    return Amf0Encoder.encodeAll("onFCPublish", 0.0, null, new Amf0Object().with("code", code).with("description", description));
  }

  static Amf0Object status(String level, String code, String description) {
    return new Amf0Object().with("level", level).with("code", code).with("description", description);
  }
}
