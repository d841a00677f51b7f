package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.OutOfDirectMemoryError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a decoder that joins a live stream needs to start at once: the latest codec configuration of
 * each track and the packets since the last video keyframe. Until the stream's first decoder attaches,
 * it keeps every packet since the start instead (so a publisher that pushes faster than a decoder is
 * placed loses nothing), but only through the stream's first {@value #GOPS_KEPT_FROM_THE_START} GOPs:
 * once a third begins, the start is lost for any decoder, and one that attaches later gains nothing
 * from older GOPs than the last, so from then on the cache keeps what it keeps after an attach. A
 * stream that no decoder takes (none has capacity, an ingest-only node) therefore holds one GOP, not
 * two (~0.8 against ~1.6 MB at 3.3 Mbit/s and 2 s GOPs). Bounded in packets and bytes either way:
 * content that outgrows the bounds is dropped and caching resumes at the next keyframe.
 *
 * <p>The cached payloads are copies in direct memory ({@link PayloadBlocks}), freed the moment they leave the cache, not
 * the packets' heap buffers. Held on the heap, a node's caches (seconds of every stream, up to
 * {@code --cache-max-node-bytes}) are the one large thing that outlives a young collection: every media
 * byte was copied to the old generation and collected there, and G1 grew the heap to many times what
 * the caches held to keep that affordable (1.1 GB for 40 streams that cache 60 MB). Off the heap, the
 * node's memory is its caches' bytes, counted exactly, and the heap holds only short-lived garbage.
 * Packets handed to a decoder are copied back to the heap, so the cache never shares a buffer it frees.
 */
final class KeyframeCache {

  /** GOPs from the stream's start kept while no decoder has attached yet. */
  static final int GOPS_KEPT_FROM_THE_START = 2;

  private final int maxPackets;
  private final long maxBytes;
  private final CacheBudget budget;
  private static final Buffer NO_DATA = Buffer.buffer(0);

  /**
   * A cached packet: its fields (with no payload: the packet's own data references its whole message
   * body on the heap), and its payload's copy in direct memory, which this cache owns.
   */
  private record Cached(MediaPacket packet, ByteBuf payload) {

    static Cached copyOf(MediaPacket packet, PayloadBlocks memory) {
      ByteBuf source = ((BufferInternal) packet.data()).getByteBuf();
      return new Cached(packet.withData(NO_DATA), memory.copy(source, source.readerIndex(), source.readableBytes()));
    }

    PacketKind kind() {
      return packet.kind();
    }

    int length() {
      return payload.readableBytes();
    }

    /** The packet with a heap copy of the payload: it outlives this entry. */
    MediaPacket toHeap() {
      return packet.withData(BufferInternal.buffer(Unpooled.copiedBuffer(payload)));
    }

    void free() {
      payload.release();
    }
  }

  private final Map<TrackKind, MediaPacket> configs = new EnumMap<>(TrackKind.class);
  private final ArrayDeque<Cached> packets = new ArrayDeque<>();
  private final PayloadBlocks memory;
  private long bytes;
  private boolean hasVideo;
  private boolean keepAll = true;
  /** Packets before the last video keyframe in {@link #packets}: what trimming to it removes. */
  private int beforeLastKeyframe;
  private int keyframes;
  private boolean waitingForKeyframe;
  /** The sequence number of the last packet added, cached or not: where a decoder's live packets start. */
  private long lastSequence = -1;

  private boolean closed;

  KeyframeCache(int maxPackets, long maxBytes, CacheBudget budget) {
    this(maxPackets, maxBytes, budget, new PayloadBlocks());
  }

  /** A cache whose payloads go to {@code memory} (a test's own pool, to count what is still allocated). */
  KeyframeCache(int maxPackets, long maxBytes, CacheBudget budget, PayloadBlocks memory) {
    this.maxPackets = maxPackets;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.memory = memory;
  }

  /** A cache with no node-wide bound beside its own. */
  KeyframeCache(int maxPackets, long maxBytes) {
    this(maxPackets, maxBytes, new CacheBudget(Long.MAX_VALUE));
  }

  void add(MediaPacket packet) {
    if (closed) {
      return;
    }
    lastSequence = packet.sequence();
    if (packet.kind() == PacketKind.CONFIG) {
      configs.put(packet.track(), packet);
      if (!keepAll) {
        return;
      }
    } else if (packet.kind() == PacketKind.END) {
      configs.remove(packet.track());
    }
    boolean videoKeyframe = packet.track() == TrackKind.VIDEO && packet.kind() == PacketKind.FRAME && packet.keyframe();
    if (packet.track() == TrackKind.VIDEO && packet.kind() == PacketKind.FRAME) {
      hasVideo = true;
    }
    if (videoKeyframe) {
      waitingForKeyframe = false;
      if (keepAll && ++keyframes > GOPS_KEPT_FROM_THE_START) {
        keepAll = false; // the start is lost: keep the last GOP, as after an attach (configuration is in configs)
      }
      if (keepAll) {
        beforeLastKeyframe = packets.size();
      } else {
        clear();
      }
    }
    if (waitingForKeyframe || (!keepAll && (!hasVideo || packet.kind() != PacketKind.FRAME))) {
      // Audio-only streams need no history once attached: any audio frame is a starting point.
      return;
    }
    int length = packet.data().length();
    if (packets.size() >= maxPackets || bytes + length > maxBytes || !budget.take(length)) {
      dropUntilNextKeyframe();
      return;
    }
    try {
      packets.addLast(Cached.copyOf(packet, memory));
    } catch (OutOfDirectMemoryError e) {
      // The JVM's direct memory limit (-XX:MaxDirectMemorySize, by default the heap's maximum) is below the
      // node's cache budget: the same answer as the budget's, not a failure of the stream.
      budget.give(length);
      dropUntilNextKeyframe();
      return;
    }
    bytes += length;
  }

  private void dropUntilNextKeyframe() {
    clear();
    keepAll = false;
    waitingForKeyframe = true;
  }

  /** The stream stopped on this node: its bytes go back to the node's budget, and nothing is cached again. */
  void close() {
    clear();
    memory.close();
    closed = true;
  }

  /** Payload bytes held now. */
  long bytes() {
    return bytes;
  }

  /**
   * The packets to hand a decoder that attaches now: while keeping everything, every packet since the
   * start (configuration included, in order); afterwards the configuration (video first) and the
   * packets since the last keyframe.
   */
  List<MediaPacket> snapshot() {
    if (keepAll) {
      return packets.stream().map(Cached::toHeap).toList();
    }
    List<MediaPacket> result = new ArrayList<>(configs.size() + packets.size());
    MediaPacket video = configs.get(TrackKind.VIDEO);
    MediaPacket audio = configs.get(TrackKind.AUDIO);
    if (video != null) {
      result.add(video);
    }
    if (audio != null) {
      result.add(audio);
    }
    for (Cached entry : packets) {
      result.add(entry.toHeap());
    }
    return result;
  }

  /**
   * Hands a decoder that takes the stream now what it starts from: the {@link #snapshot()} as one
   * batch, numbered up to the last packet added (the live packets that follow go to it one by one).
   * From then on the cache keeps only what a later decoder needs.
   */
  PacketBatch handOver(String stream) {
    PacketBatch batch = new PacketBatch(stream, lastSequence, snapshot());
    firstDecoderAttached();
    return batch;
  }

  /** The first decoder attached: from now on keep only what a later one needs. */
  private void firstDecoderAttached() {
    if (!keepAll) {
      return;
    }
    keepAll = false;
    if (!hasVideo) {
      clear();
      return;
    }
    for (int i = 0; i < beforeLastKeyframe; i++) {
      packets.pollFirst().free();
    }
    // Configuration and end packets live in {@code configs} from now on.
    packets.removeIf(entry -> {
      if (entry.kind() == PacketKind.FRAME) {
        return false;
      }
      entry.free();
      return true;
    });
    long kept = packets.stream().mapToLong(Cached::length).sum();
    budget.give(bytes - kept);
    bytes = kept;
  }

  private void clear() {
    packets.forEach(Cached::free);
    packets.clear();
    budget.give(bytes);
    bytes = 0;
    beforeLastKeyframe = 0;
  }
}
