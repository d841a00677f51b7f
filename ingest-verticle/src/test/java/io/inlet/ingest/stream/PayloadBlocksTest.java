package io.inlet.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The direct memory a keyframe cache copies payloads into: shared blocks, freed with their last payload. */
class PayloadBlocksTest {

  private static ByteBuf bytes(int length, int seed) {
    ByteBuf buffer = Unpooled.buffer(length);
    for (int i = 0; i < length; i++) {
      buffer.writeByte(seed + i);
    }
    return buffer;
  }

  @Test
  void aCopyHasTheSourcesBytesAndLeavesTheSourceUnread() {
    PayloadBlocks blocks = new PayloadBlocks();
    ByteBuf source = Unpooled.copiedBuffer("xxpayloadyy", StandardCharsets.US_ASCII);

    ByteBuf copy = blocks.copy(source, 2, 7);

    assertThat(copy.toString(StandardCharsets.US_ASCII)).isEqualTo("payload");
    assertThat(copy.isDirect()).isTrue();
    assertThat(source.readerIndex()).isZero();
    copy.release();
    blocks.close();
  }

  @Test
  void smallPayloadsShareABlockThatIsFreedWithTheLastOfThem() {
    PayloadBlocks blocks = new PayloadBlocks();
    ByteBuf first = blocks.copy(bytes(1000, 1), 0, 1000);
    ByteBuf second = blocks.copy(bytes(2000, 2), 0, 2000);
    ByteBuf block = first.unwrap();
    assertThat(second.unwrap()).isSameAs(block);
    assertThat(block.capacity()).isEqualTo(PayloadBlocks.BLOCK_BYTES);

    first.release();
    blocks.close();
    assertThat(block.refCnt()).as("the second payload still holds it").isPositive();
    assertThat(second.getByte(0)).isEqualTo((byte) 2);

    second.release();
    assertThat(block.refCnt()).isZero();
  }

  @Test
  void aPayloadLargerThanWhatIsLeftFillsTheBlockAndGoesOnInTheNext() {
    PayloadBlocks blocks = new PayloadBlocks();
    ByteBuf first = blocks.copy(bytes(60_000, 0), 0, 60_000);
    ByteBuf source = bytes(10_000, 3);
    ByteBuf second = blocks.copy(source, 0, 10_000); // 5,536 bytes left in the first block
    ByteBuf third = blocks.copy(bytes(100, 9), 0, 100);

    assertThat(ByteBufUtil.equals(second, source)).isTrue();
    assertThat(second).isInstanceOf(CompositeByteBuf.class);
    assertThat(((CompositeByteBuf) second).numComponents()).isEqualTo(2);
    ByteBuf firstBlock = first.unwrap();
    ByteBuf nextBlock = third.unwrap();
    assertThat(nextBlock).isNotSameAs(firstBlock);

    first.release();
    assertThat(firstBlock.refCnt()).as("the second payload's head is in it").isPositive();
    second.release();
    assertThat(firstBlock.refCnt()).isZero();
    third.release();
    assertThat(nextBlock.refCnt()).as("the writer still holds the block it fills").isPositive();
    blocks.close();
    assertThat(nextBlock.refCnt()).isZero();
  }

  @Test
  void aPayloadOfManyBlocksIsCopiedWhole() {
    PayloadBlocks blocks = new PayloadBlocks();
    int length = 3 * PayloadBlocks.BLOCK_BYTES + 123;
    ByteBuf source = bytes(length, 5);
    ByteBuf copy = blocks.copy(source, 0, length);

    assertThat(ByteBufUtil.equals(copy, source)).isTrue();
    assertThat(copy.isDirect()).isTrue();
    copy.release();
    blocks.close();
    assertThat(copy.refCnt()).isZero();
  }

  @Test
  void anEmptyPayloadCostsNothing() {
    PayloadBlocks blocks = new PayloadBlocks();
    assertThat(blocks.copy(bytes(10, 0), 3, 0).readableBytes()).isZero();
    blocks.close();
  }
}
