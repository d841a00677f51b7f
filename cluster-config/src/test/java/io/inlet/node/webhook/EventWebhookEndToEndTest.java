package io.inlet.node.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.auth.webhook.WebhookSignature;
import io.inlet.node.Node;
import io.inlet.node.NodeOptions;
import io.inlet.node.webhook.WebhookReceiver.Received;
import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded node started with {@code --event-webhook}, and real FFmpeg publishes: each stream
 * event reaches the receiver once, one per request, in seq order; a deliverer with a secret signs them.
 */
class EventWebhookEndToEndTest {

  private static final String SECRET = "an end-to-end secret";

  @TempDir
  Path dir;
  private Node node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void realPublishesReachTheReceiverInSeqOrderSignedWhenASecretIsSet() throws Exception {
    // The receivers need a Vert.x before the node has one: a port is taken first, then the node starts.
    io.vertx.core.Vertx receivers = io.vertx.core.Vertx.vertx();
    try {
      WebhookReceiver plain = WebhookReceiver.alwaysOk(receivers).start();
      WebhookReceiver signed = WebhookReceiver.alwaysOk(receivers).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      node = new Node(NodeOptions.parse(new String[] {"--bind", "127.0.0.1", "--rtmp-port", "0", "--http-port", "0",
          "--data-dir", dir.resolve("data").toString(), "--event-webhook", plain.url()}, Map.of()),
          new PrintStream(out, true, StandardCharsets.UTF_8));
      node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      node.vertx().deployVerticle(new EventWebhookVerticle(node.options().nodeId(),
          EventWebhookOptions.of(List.of(signed.url()), SECRET, 3_000), new SimpleMeterRegistry())).await();
      Matcher key = Pattern.compile("Publish URL:\\s+(rtmp://\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
      assertThat(key.find()).isTrue();

      for (int publish = 1; publish <= 2; publish++) {
        Ffmpeg.run(dir.resolve("publish" + publish + ".log"), "-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=15",
            "-t", "2", "-c:v", "libx264", "-g", "15", "-f", "flv", key.group(1));
        int streams = publish;
        Await.until("ended events of " + streams + " streams", Duration.ofSeconds(15),
            () -> ended(plain.accepted()) == streams && ended(signed.accepted()) == streams);
      }
      Thread.sleep(300);

      for (WebhookReceiver receiver : List.of(plain, signed)) {
        List<Received> accepted = receiver.accepted();
        assertThat(accepted.stream().map(Received::id).distinct()).hasSize(2);
        for (String id : accepted.stream().map(Received::id).distinct().toList()) {
          List<Received> stream = accepted.stream().filter(r -> r.id().equals(id)).toList();
          assertThat(stream).extracting(Received::seq).as("stream %s", id)
              .isEqualTo(java.util.stream.LongStream.rangeClosed(1, stream.size()).boxed().toList());
          assertThat(stream.get(0).body().getString("type")).isEqualTo("started");
          assertThat(stream.get(stream.size() - 1).body().getString("type")).isEqualTo("ended");
          assertThat(stream).allSatisfy(r -> assertThat(r.body().getString("name")).isEqualTo("demo"));
        }
      }
      assertThat(plain.accepted()).extracting(Received::body).isEqualTo(
          signed.accepted().stream().map(Received::body).toList());
      assertThat(plain.accepted()).allSatisfy(r -> assertThat(r.signature()).isNull());
      assertThat(signed.accepted()).allSatisfy(r ->
          assertThat(r.signature()).isEqualTo(WebhookSignature.of(SECRET, Buffer.buffer(r.rawBody()))));
    } finally {
      receivers.close().await();
    }
  }

  private static long ended(List<Received> accepted) {
    return accepted.stream().filter(r -> r.body().getString("type").equals("ended")).count();
  }
}
