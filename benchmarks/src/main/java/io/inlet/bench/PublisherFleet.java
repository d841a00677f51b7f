package io.inlet.bench;

/** The publishers of a run, whichever they are: ffmpeg processes or the in-process load generator. */
interface PublisherFleet extends AutoCloseable {

  /** CPU ticks (USER_HZ) the publishers used so far. */
  long ticks();

  /** Publishers still publishing. */
  long alive();

  /** One line on how the publishers did, or "" when there is nothing to say. */
  default String report() {
    return "";
  }

  @Override
  void close() throws InterruptedException;
}
