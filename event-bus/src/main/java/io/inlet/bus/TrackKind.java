package io.inlet.bus;

/** Which elementary stream of a publish a packet belongs to. */
public enum TrackKind {
  VIDEO,
  AUDIO
}
