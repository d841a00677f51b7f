package io.inlet.ingest.message;

import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A command message (7.1.1, types 20 and 17): a name, a transaction id, a command object (often
 * null) and further arguments, as connect, createStream, publish and the rest carry them.
 *
 * @param messageStreamId 0 for NetConnection commands, the stream's id for NetStream ones
 * @param amf3 whether it came as an AMF3 command message (17); the values are decoded alike
 * @param arguments the values after the command object; an AMF null is an empty string here
 */
public record CommandMessage(
    int messageStreamId,
    boolean amf3,
    String name,
    double transactionId,
    Object commandObject,
    List<Object> arguments)
    implements RtmpMessage {

  public CommandMessage {
    arguments = List.copyOf(arguments);
  }

  /**
   * Parses a payload without moving its reader index.
   *
   * @throws ProtocolException if the AMF is malformed or does not start with a command name
   */
  public static CommandMessage parse(int messageStreamId, ByteBuf payload, boolean amf3) {
    return of(messageStreamId, amf3, AmfPayload.decode(payload, amf3));
  }

  /** The command the decoded {@code values} spell: name, transaction id, command object, arguments. */
  public static CommandMessage of(int messageStreamId, boolean amf3, List<Object> values) {
    if (values.isEmpty() || !(values.get(0) instanceof String name)) {
      throw ProtocolException.malformed("command message does not start with a command name");
    }
    double transactionId = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
    Object commandObject = values.size() > 2 ? values.get(2) : null;
    List<Object> arguments = values.size() > 3 ? nonNull(values.subList(3, values.size())) : List.of();
    return new CommandMessage(messageStreamId, amf3, name, transactionId, commandObject, arguments);
  }

  /** The first argument after the command object as a string, or null. */
  public String firstStringArgument() {
    return !arguments.isEmpty() && arguments.get(0) instanceof String s ? s : null;
  }

  @Override
  public int typeId() {
    return amf3 ? MessageType.COMMAND_AMF3 : MessageType.COMMAND_AMF0;
  }

  private static List<Object> nonNull(List<Object> values) {
    // List.copyOf refuses nulls; an AMF null argument carries no meaning, so it becomes "".
    return values.stream().map(v -> v == null ? (Object) "" : v).toList();
  }
}
