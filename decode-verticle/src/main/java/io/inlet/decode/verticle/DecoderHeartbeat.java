package io.inlet.decode.verticle;

import io.inlet.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.inlet.bus.DecoderReport;
import java.util.function.Supplier;

/**
 * Publishes a decode verticle's report twice a second from an event loop, not from the decoder's
 * worker thread: a decoder busy with a large batch or a heavy frame is late with its own timers, and
 * a late heartbeat would read as a lost node and move its streams away (and back). The report itself
 * is the latest one the decoder built; only its liveness comes from here.
 */
final class DecoderHeartbeat extends VerticleBase {

  private final Supplier<DecoderReport> report;
  private long timer = -1;

  DecoderHeartbeat(Supplier<DecoderReport> report) {
    this.report = report;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(DecodeVerticle.REPORT_INTERVAL_MS, id -> vertx.eventBus().publish(Addresses.DECODE_STATS, report.get()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
