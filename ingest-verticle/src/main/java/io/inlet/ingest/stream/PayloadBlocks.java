package io.inlet.ingest.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Where one stream's keyframe cache keeps its payloads: copied one after another into blocks of
 * {@value #BLOCK_BYTES} bytes of direct memory, a payload that does not fit what is left of a block going
 * on in the next. Each payload is a slice (or, across blocks, a composite of slices) that holds its
 * blocks, and a block is freed when the last payload in it is. So what a cache costs is its payload
 * plus at most one part used block.
 *
 * <p>Why blocks and not one buffer per payload: a cache frees a whole GOP at each keyframe while 40
 * other streams allocate in between, and a pool handing out buffers of every size then holds its
 * memory in chunks that no longer empty. Measured at 40 streams: one pooled buffer per payload held
 * 67 MB of direct memory for 13 MB of payload; blocks hold 29-34 MB for 16-21 MB, that is the caches'
 * peak (each stream's just before its keyframe) in the pool's 4 MiB chunks. Blocks of one size are
 * reused as soon as they are freed.
 *
 * <p>Not thread-safe: a stream's cache lives on the ingest verticle's event loop.
 */
final class PayloadBlocks {

  static final int BLOCK_BYTES = 64 * 1024;

  /**
   * The caches' own pool (not Netty's shared default), so what it has taken from the OS is the caches'
   * alone ({@link #directMemoryBytes()}).
   */
  private static final PooledByteBufAllocator POOL = new PooledByteBufAllocator(true);

  private final PooledByteBufAllocator pool;
  /** The block being filled; this object holds one reference to it until it is full or closed. */
  private ByteBuf current;

  PayloadBlocks() {
    this(POOL);
  }

  /** Blocks from {@code pool}: a test's own, to count what is still allocated. */
  PayloadBlocks(PooledByteBufAllocator pool) {
    this.pool = pool;
  }

  /**
   * Copies {@code length} bytes of {@code source} from {@code index} into direct memory, leaving
   * {@code source}'s indexes alone; the caller owns the returned buffer and must release it. Throws
   * Netty's OutOfDirectMemoryError past the JVM's direct memory limit.
   */
  ByteBuf copy(ByteBuf source, int index, int length) {
    if (length == 0) {
      return Unpooled.EMPTY_BUFFER;
    }
    ByteBuf copy = null;
    int done = 0;
    while (done < length) {
      if (current == null || !current.isWritable()) {
        close();
        current = pool.directBuffer(BLOCK_BYTES, BLOCK_BYTES);
      }
      int n = Math.min(length - done, current.writableBytes());
      int at = current.writerIndex();
      current.writeBytes(source, index + done, n);
      copy = append(copy, current.retainedSlice(at, n));
      done += n;
    }
    return copy;
  }

  private ByteBuf append(ByteBuf copy, ByteBuf part) {
    if (copy == null) {
      return part;
    }
    CompositeByteBuf parts = copy instanceof CompositeByteBuf composite ? composite
        : new CompositeByteBuf(pool, true, Integer.MAX_VALUE).addComponent(true, copy);
    return parts.addComponent(true, part);
  }

  /** Lets the current block go once the payloads in it are released. */
  void close() {
    if (current != null) {
      current.release();
      current = null;
    }
  }

  /** Direct memory the node's caches have taken from the OS: their payloads, part used blocks and the pool's slack. */
  static long directMemoryBytes() {
    return POOL.metric().usedDirectMemory();
  }
}
