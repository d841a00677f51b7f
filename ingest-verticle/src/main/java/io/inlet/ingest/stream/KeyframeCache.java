package io.inlet.ingest.stream;

import io.inlet.bus.MediaPacket;
import io.inlet.bus.PacketKind;
import io.inlet.bus.TrackKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a decoder that joins a live stream needs to start at once: the latest codec configuration of
 * each track and every packet since the last video keyframe. Bounded in packets and bytes: a group
 * of pictures that outgrows the bounds is dropped and caching resumes at the next keyframe (a late
 * decoder then waits for it, which is what it would have to do anyway).
 */
final class KeyframeCache {

  private final int maxPackets;
  private final long maxBytes;
  private final Map<TrackKind, MediaPacket> configs = new EnumMap<>(TrackKind.class);
  private final ArrayDeque<MediaPacket> sinceKeyframe = new ArrayDeque<>();
  private long bytes;
  private boolean hasVideo;
  private boolean waitingForKeyframe = true;

  KeyframeCache(int maxPackets, long maxBytes) {
    this.maxPackets = maxPackets;
    this.maxBytes = maxBytes;
  }

  void add(MediaPacket packet) {
    if (packet.kind() == PacketKind.CONFIG) {
      configs.put(packet.track(), packet);
      return;
    }
    if (packet.kind() == PacketKind.END) {
      configs.remove(packet.track());
      return;
    }
    if (packet.track() == TrackKind.VIDEO) {
      hasVideo = true;
      if (packet.keyframe()) {
        clear();
        waitingForKeyframe = false;
      }
    }
    if (!hasVideo || waitingForKeyframe) {
      // Audio-only streams need no history: any audio frame is a starting point.
      return;
    }
    if (sinceKeyframe.size() >= maxPackets || bytes + packet.data().length() > maxBytes) {
      clear();
      waitingForKeyframe = true;
      return;
    }
    sinceKeyframe.addLast(packet);
    bytes += packet.data().length();
  }

  /** Configuration packets (video first), then the packets since the last keyframe, in order. */
  List<MediaPacket> snapshot() {
    List<MediaPacket> packets = new ArrayList<>(configs.size() + sinceKeyframe.size());
    MediaPacket video = configs.get(TrackKind.VIDEO);
    MediaPacket audio = configs.get(TrackKind.AUDIO);
    if (video != null) {
      packets.add(video);
    }
    if (audio != null) {
      packets.add(audio);
    }
    packets.addAll(sinceKeyframe);
    return packets;
  }

  long bytes() {
    return bytes;
  }

  int packets() {
    return sinceKeyframe.size();
  }

  private void clear() {
    sinceKeyframe.clear();
    bytes = 0;
  }
}
