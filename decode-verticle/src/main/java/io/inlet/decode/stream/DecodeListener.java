package io.inlet.decode.stream;

import io.inlet.bus.TrackKind;

/** Hears of each decoded and dropped frame and each latency sample: where meters hook in. */
public interface DecodeListener {

  DecodeListener NONE = new DecodeListener() {};

  default void frameDecoded(TrackKind track) {}

  default void frameDropped() {}

  /** Socket-to-sink latency of one live video frame. */
  default void latencyMicros(long micros) {}
}
