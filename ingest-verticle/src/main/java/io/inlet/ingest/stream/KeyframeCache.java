package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketBatch;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a decoder that joins a live stream needs to start at once: the latest codec configuration of
 * each track and the packets since the last video keyframe. Until the stream's first decoder
 * attaches, it keeps every packet since the start instead (so a publisher that pushes faster than a
 * decoder is placed loses nothing), but no more than the last {@value #GOPS_BEFORE_A_DECODER} GOPs: a
 * stream that no decoder takes for seconds (none has capacity, an ingest-only node) would otherwise hold
 * everything up to its bounds, 12 s of a 3 Mbit/s stream and 216 MB for 40 of them. Bounded in packets
 * and bytes either way: content that outgrows the bounds is dropped and caching resumes at the next
 * keyframe.
 */
final class KeyframeCache {

  /** GOPs kept while no decoder has attached yet: the current one and the one before. */
  static final int GOPS_BEFORE_A_DECODER = 2;

  private final int maxPackets;
  private final long maxBytes;
  private final CacheBudget budget;
  private final Map<TrackKind, MediaPacket> configs = new EnumMap<>(TrackKind.class);
  private final ArrayDeque<MediaPacket> packets = new ArrayDeque<>();
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
    this.maxPackets = maxPackets;
    this.maxBytes = maxBytes;
    this.budget = budget;
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
      if (keepAll) {
        if (++keyframes > GOPS_BEFORE_A_DECODER) {
          dropFramesBeforeLastKeyframe();
        }
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
      clear();
      keepAll = false;
      waitingForKeyframe = true;
      return;
    }
    packets.addLast(packet);
    bytes += length;
  }

  /** Drops the frames of the oldest GOP kept; configuration and end packets stay where they are, in order. */
  private void dropFramesBeforeLastKeyframe() {
    ArrayDeque<MediaPacket> kept = new ArrayDeque<>(packets.size());
    long keptBytes = 0;
    int index = 0;
    for (MediaPacket packet : packets) {
      if (index++ >= beforeLastKeyframe || packet.kind() != PacketKind.FRAME) {
        kept.addLast(packet);
        keptBytes += packet.data().length();
      }
    }
    packets.clear();
    packets.addAll(kept);
    budget.give(bytes - keptBytes);
    bytes = keptBytes;
  }

  /** The stream stopped on this node: its bytes go back to the node's budget, and nothing is cached again. */
  void close() {
    clear();
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
      return List.copyOf(packets);
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
    result.addAll(packets);
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
      packets.pollFirst();
    }
    // Configuration and end packets live in {@code configs} from now on.
    packets.removeIf(p -> p.kind() != PacketKind.FRAME);
    long kept = packets.stream().mapToLong(p -> p.data().length()).sum();
    budget.give(bytes - kept);
    bytes = kept;
  }

  private void clear() {
    packets.clear();
    budget.give(bytes);
    bytes = 0;
    beforeLastKeyframe = 0;
  }
}
