package io.inlet.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Internal, the reply to an {@link AssignRequest}: the decode verticle that took the stream, its
 * packet address ({@link Addresses#decoderPackets}), and the number of this attachment, which the
 * ingest side puts on every message of the stream it sends there (the {@link #ATTACHMENT_HEADER}
 * header, through {@link #deliveryOptions()}): a {@link PacketBatch}, then each {@link MediaPacket},
 * and a {@link ReleaseStream} when it moves the stream away. A decoder gives every attachment (a
 * stream taken, a newer publisher session of it) a number it never gives again and decodes only the
 * messages of the attachments it has, so packets of an older session are never decoded.
 *
 * @param attachment the attachment's number; 0 when {@code address} is the stream's own (a test's
 *     stand-in decoder), and the messages then carry no header
 */
public record Assignment(String decodeNode, String decoderId, String address, long attachment) {

  /** The message header that carries the attachment number, in decimal. */
  public static final String ATTACHMENT_HEADER = "inlet-attachment";

  public Assignment {
    Objects.requireNonNull(decodeNode, "decodeNode");
    Objects.requireNonNull(decoderId, "decoderId");
    Objects.requireNonNull(address, "address");
  }

  /** An assignment to a stream's own address, without attachment number. */
  public Assignment(String decodeNode, String decoderId, String address) {
    this(decodeNode, decoderId, address, 0);
  }

  /** How every message of this attachment is sent: with its number as a header. Not to be modified. */
  public DeliveryOptions deliveryOptions() {
    DeliveryOptions options = new DeliveryOptions();
    if (attachment != 0) {
      options.addHeader(ATTACHMENT_HEADER, Long.toString(attachment));
    }
    return options;
  }

  /** The attachment number a message carries, or 0 when it carries none (or not a number). */
  public static long attachmentOf(MultiMap headers) {
    String value = headers.get(ATTACHMENT_HEADER);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("decodeNode", decodeNode).put("decoder", decoderId).put("address", address)
        .put("attachment", attachment);
  }

  static Assignment fromJson(JsonObject json) {
    return new Assignment(JsonFields.requiredString(json, "decodeNode"), JsonFields.requiredString(json, "decoder"),
        JsonFields.requiredString(json, "address"), JsonFields.optionalLong(json, "attachment", 0));
  }
}
