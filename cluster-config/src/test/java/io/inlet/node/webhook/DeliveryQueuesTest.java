package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.node.webhook.DeliveryQueues.Key;
import io.inlet.node.webhook.DeliveryQueues.Offer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The queues' rules without Vert.x: seq order, one in flight, reorder wait, duplicates, the node-wide bound. */
class DeliveryQueuesTest {

  private static final Key A = new Key("http://backend/events", "stream-a");
  private static final Key B = new Key("http://backend/events", "stream-b");
  private static final long WAIT = 2_000;

  private static JsonObject event(String type, long seq) {
    return new JsonObject().put("type", type).put("seq", seq);
  }

  @Test
  void beyondTheBoundANewEventIsRefusedAndAFinishedOneMakesRoom() {
    DeliveryQueues queues = new DeliveryQueues(3);
    assertThat(queues.offer(A, 1, event("started", 1), 0)).isEqualTo(Offer.QUEUED);
    assertThat(queues.offer(A, 2, event("interrupted", 2), 0)).isEqualTo(Offer.QUEUED);
    assertThat(queues.offer(B, 1, event("started", 1), 0)).isEqualTo(Offer.QUEUED);
    assertThat(queues.offer(B, 2, event("ended", 2), 0)).isEqualTo(Offer.FULL);
    assertThat(queues.depth()).isEqualTo(3);

    assertThat(queues.queue(A).take(0, WAIT).seq()).isEqualTo(1);
    assertThat(queues.depth()).as("an event in flight still counts").isEqualTo(3);
    queues.finished(A, 1);
    assertThat(queues.depth()).isEqualTo(2);
    assertThat(queues.offer(B, 2, event("ended", 2), 1)).isEqualTo(Offer.QUEUED);
    assertThat(queues.offer(B, 3, event("ended", 3), 1)).isEqualTo(Offer.FULL);
  }

  @Test
  void oneInFlightPerStreamInSeqOrder() {
    DeliveryQueues queues = new DeliveryQueues(100);
    queues.offer(A, 1, event("started", 1), 0);
    queues.offer(A, 2, event("interrupted", 2), 0);
    StreamQueue queue = queues.queue(A);
    assertThat(queue.take(0, WAIT).seq()).isEqualTo(1);
    assertThat(queue.take(0, WAIT)).as("seq 1 is in flight").isNull();
    queues.finished(A, 0);
    assertThat(queue.take(0, WAIT).seq()).isEqualTo(2);
  }

  @Test
  void anEarlyEventWaitsForItsPredecessorThenGoesAnyway() {
    DeliveryQueues queues = new DeliveryQueues(100);
    queues.offer(A, 2, event("interrupted", 2), 1_000);
    StreamQueue queue = queues.queue(A);
    assertThat(queue.take(1_000, WAIT)).as("seq 1 may still come").isNull();
    assertThat(queue.heldUntil(WAIT)).isEqualTo(3_000);
    queues.offer(A, 1, event("started", 1), 1_500);
    assertThat(queue.take(1_500, WAIT).seq()).isEqualTo(1);
    queues.finished(A, 1_600);
    assertThat(queue.take(1_600, WAIT).seq()).isEqualTo(2);
    queues.finished(A, 1_700);

    queues.offer(A, 4, event("resumed", 4), 2_000);
    assertThat(queue.take(3_999, WAIT)).isNull();
    assertThat(queue.take(4_000, WAIT).seq()).as("seq 3 never came: 4 goes after the wait").isEqualTo(4);
  }

  @Test
  void anEventAtOrBelowWhatWasSentIsADuplicate() {
    DeliveryQueues queues = new DeliveryQueues(100);
    queues.offer(A, 1, event("started", 1), 0);
    assertThat(queues.offer(A, 1, event("started", 1), 0)).as("already waiting").isEqualTo(Offer.DUPLICATE);
    queues.queue(A).take(0, WAIT);
    queues.finished(A, 0);
    assertThat(queues.offer(A, 1, event("started", 1), 0)).as("already sent").isEqualTo(Offer.DUPLICATE);
    assertThat(queues.depth()).isZero();
  }

  @Test
  void aStreamIsForgottenOnceItsEndedEventWentOrWhenIdle() {
    DeliveryQueues queues = new DeliveryQueues(100);
    queues.offer(A, 1, event("ended", 1), 0);
    queues.offer(B, 1, event("started", 1), 0);
    queues.queue(A).take(0, WAIT);
    queues.forgetIfDone(A, 0);
    assertThat(queues.streams()).as("still in flight").isEqualTo(2);
    queues.finished(A, 0);
    queues.forgetIfDone(A, 0);
    assertThat(queues.queue(A)).isNull();

    queues.queue(B).take(0, WAIT);
    queues.finished(B, 0);
    queues.forgetIfDone(B, 10);
    assertThat(queues.streams()).as("B has not ended").isEqualTo(1);
    queues.sweep(59_999, 60_000);
    assertThat(queues.streams()).isEqualTo(1);
    queues.sweep(60_000, 60_000);
    assertThat(queues.streams()).isZero();
  }
}
