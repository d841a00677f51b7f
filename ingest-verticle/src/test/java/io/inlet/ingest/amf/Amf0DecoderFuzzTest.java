package io.inlet.ingest.amf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.ingest.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Any message body through decodeAll, AMF3 inside AMF0 included: values or a ProtocolException
 * that leaves the reader index where it was; never another exception, a deep stack or a huge
 * allocation. Run with the default limits and with tight ones, since both are what a peer meets.
 */
class Amf0DecoderFuzzTest {

  private static final Amf0Decoder DEFAULTS = new Amf0Decoder();
  private static final Amf0Decoder TIGHT = new Amf0Decoder(4, 32);

  @FuzzTest(maxDuration = "60s")
  void decodeAll(byte[] input) {
    decodeWith(DEFAULTS, input);
    decodeWith(TIGHT, input);
  }

  private static void decodeWith(Amf0Decoder decoder, byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      List<Object> values = decoder.decodeAll(in);
      assertThat(in.isReadable()).as("decodeAll consumes everything").isFalse();
      // What the session does with a command: its values must be safe to print and compare.
      assertThat(values.toString()).isNotNull();
      assertThat(values.hashCode()).isEqualTo(values.hashCode());
    } catch (ProtocolException e) {
      assertThat(in.readerIndex()).as("reader index restored").isZero();
      assertThat(e.reason()).isNotBlank();
    }
  }
}
