package io.inlet.ingest.message;

/**
 * Counts received bytes and says when an Acknowledgement is due (Adobe RTMP 1.0, 5.4.3 and 5.4.4):
 * once the peer has set a window, the receiver acknowledges each time it has received that many
 * bytes since the last acknowledgement. Count every byte read from the socket, handshake included,
 * since the peer counts what it wrote.
 */
public final class AcknowledgementWindow {

  private static final long UINT32_MASK = 0xFFFFFFFFL;

  /** 0 until the peer sends Window Acknowledgement Size: no acknowledgements are due before. */
  private long window;
  private long total;
  private long sinceLastAck;

  public AcknowledgementWindow() {}

  /** Sets the window from the peer's Window Acknowledgement Size; 0 turns acknowledgements off. */
  public void setWindow(long size) {
    if (size < 0 || size > UINT32_MASK) {
      throw new IllegalArgumentException("window size must be 0..2^32-1: " + size);
    }
    window = size;
  }

  public long window() {
    return window;
  }

  /**
   * Counts bytes received; returns true when an Acknowledgement is due (bytes received since the
   * last one reached the window). One acknowledgement covers everything counted so far, however
   * many windows a single call spans.
   */
  public boolean onBytesReceived(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("byte count must not be negative: " + count);
    }
    total = (total + count) & UINT32_MASK;
    sinceLastAck += count;
    if (window > 0 && sinceLastAck >= window) {
      sinceLastAck = 0;
      return true;
    }
    return false;
  }

  /** Total bytes received mod 2^32: the sequence number to put in the Acknowledgement. */
  public long sequenceNumber() {
    return total;
  }
}
