package io.inlet.ingest.session;

import io.inlet.ingest.ProtocolException;
import java.util.List;

/**
 * An AMF0 command as RTMP carries it: a name, a transaction id, a command object (often null) and
 * further arguments.
 */
record Command(String name, double transactionId, Object commandObject, List<Object> arguments) {

  static Command of(List<Object> values) {
    if (values.isEmpty() || !(values.get(0) instanceof String name)) {
      throw new ProtocolException("command message does not start with a command name");
    }
    double transactionId = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
    Object commandObject = values.size() > 2 ? values.get(2) : null;
    List<Object> arguments = values.size() > 3 ? List.copyOf(nonNull(values.subList(3, values.size()))) : List.of();
    return new Command(name, transactionId, commandObject, arguments);
  }

  /** The first argument after the command object as a string, or null. */
  String firstStringArgument() {
    return !arguments.isEmpty() && arguments.get(0) instanceof String s ? s : null;
  }

  private static List<Object> nonNull(List<Object> values) {
    // List.copyOf refuses nulls; AMF null arguments become the NULL marker's absence of meaning: an empty string.
    return values.stream().map(v -> v == null ? (Object) "" : v).toList();
  }
}
