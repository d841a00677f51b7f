package io.inlet.ingest.message;

import static io.inlet.ingest.message.Vectors.failure;
import static io.inlet.ingest.message.Vectors.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.ProtocolException;
import io.inlet.ingest.amf.Amf0Object;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command messages (spec 7.1.1): given these AMF bytes, expect this command. */
class CommandMessageTest {

  private static final String CONNECT =
      "02 0007 636f6e6e656374 | 00 3ff0000000000000 | 03 0003 617070 02 0004 6c697665 0000 09";
  private static final String PUBLISH =
      "02 0007 7075626c697368 | 00 4014000000000000 | 05 | 02 0001 6b | 02 0004 6c697665";

  @Test
  void connectWithItsCommandObject() {
    CommandMessage command = parse(payload -> CommandMessage.parse(0, payload, false), CONNECT);

    assertThat(command).isEqualTo(new CommandMessage(
        0, false, "connect", 1.0, new Amf0Object().with("app", "live"), List.of()));
    assertThat(command.typeId()).isEqualTo(MessageType.COMMAND_AMF0);
  }

  @Test
  void publishWithANullCommandObjectAndItsArguments() {
    CommandMessage command = parse(payload -> CommandMessage.parse(1, payload, false), PUBLISH);

    assertThat(command).isEqualTo(new CommandMessage(1, false, "publish", 5.0, null, List.of("k", "live")));
    assertThat(command.firstStringArgument()).isEqualTo("k");
  }

  @Test
  void anAmf3CommandSkipsItsFormatByte() {
    CommandMessage command = parse(payload -> CommandMessage.parse(0, payload, true), "00 | " + CONNECT);

    assertThat(command.name()).isEqualTo("connect");
    assertThat(command.amf3()).isTrue();
    assertThat(command.typeId()).isEqualTo(MessageType.COMMAND_AMF3);
  }

  @Test
  void aNullArgumentBecomesAnEmptyString() {
    // "x", transaction 0, null command object, null argument
    CommandMessage command =
        parse(payload -> CommandMessage.parse(0, payload, false), "02 0001 78 | 00 0000000000000000 | 05 | 05");

    assertThat(command.arguments()).containsExactly("");
    assertThat(command.firstStringArgument()).isEmpty();
  }

  @Test
  void onlyANameIsRequired() {
    CommandMessage command = parse(payload -> CommandMessage.parse(0, payload, false), "02 0001 78");

    assertThat(command).isEqualTo(new CommandMessage(0, false, "x", 0, null, List.of()));
    assertThat(command.firstStringArgument()).isNull();
  }

  @Test
  void aCommandMustStartWithItsName() {
    for (String hex : List.of("", "00 3ff0000000000000 | 02 0001 78")) {
      ProtocolException e = failure(payload -> CommandMessage.parse(0, payload, false), hex);
      assertThat(e).hasMessage("command message does not start with a command name");
      assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
    }
  }

  @Test
  void malformedAmfIsMalformed() {
    ProtocolException e = failure(payload -> CommandMessage.parse(0, payload, false), "02 0007 636f6e6e");

    assertThat(e).hasMessage("AMF value ends inside the AMF0 string (needs 7 bytes, 4 left)");
    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED);
  }
}
