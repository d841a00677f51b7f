package io.inlet.ingest.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.ingest.chunk.ChunkLimits;
import io.inlet.ingest.publish.TakeoverMode;
import io.inlet.ingest.session.SessionLimits;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {

  @Test
  void defaultsAreTheNamedConstants() {
    IngestOptions options = new IngestOptions();
    assertThat(options.host()).isEqualTo(IngestOptions.DEFAULT_HOST);
    assertThat(options.port()).isEqualTo(IngestOptions.DEFAULT_PORT);
    assertThat(options.idleTimeoutMs()).isEqualTo(IngestOptions.DEFAULT_IDLE_TIMEOUT_MS);
    assertThat(options.cacheMaxPackets()).isEqualTo(IngestOptions.DEFAULT_CACHE_MAX_PACKETS);
    assertThat(options.cacheMaxBytes()).isEqualTo(IngestOptions.DEFAULT_CACHE_MAX_BYTES);
    assertThat(options.cacheMaxNodeBytes()).isEqualTo(IngestOptions.DEFAULT_CACHE_MAX_NODE_BYTES);
    assertThat(options.maxInFlight()).isEqualTo(IngestOptions.DEFAULT_MAX_IN_FLIGHT);
    assertThat(options.tlsPort()).isEqualTo(IngestOptions.DEFAULT_TLS_PORT);
    assertThat(options.nodeId()).isEqualTo(IngestOptions.DEFAULT_NODE_ID);
    assertThat(options.chunkLimits()).isEqualTo(ChunkLimits.DEFAULTS);
    assertThat(options.sessionLimits()).isEqualTo(SessionLimits.DEFAULTS);
  }

  @Test
  void anEmptyConfigMeansTheDefaults() {
    assertThat(new IngestOptions(new JsonObject()).toJson()).isEqualTo(new IngestOptions().toJson());
  }

  @Test
  void everySettingRoundTripsThroughJson() {
    IngestOptions options = new IngestOptions().host("127.0.0.1").port(1936).handshakeTimeoutMs(1).idleTimeoutMs(2)
        .authTimeoutMs(3).maxConnections(4).maxMessageSize(5).maxChunkSize(600).maxChunkStreams(7).maxPendingBytes(8)
        .applications(List.of("live", "studio")).windowAckSize(9).outboundChunkSize(1000).maxMessageStreams(11)
        .cacheMaxPackets(12).cacheMaxBytes(13).cacheMaxNodeBytes(18).maxInFlight(14).rebalanceThreshold(15).nodeId("10.0.0.1:5701")
        .tlsPort(1937).tlsCertPath("/tls/cert.pem").tlsKeyPath("/tls/key.pem")
        .takeoverIdleMs(16).publisherTakeover(TakeoverMode.NEVER).reconnectGraceMs(17);
    JsonObject json = options.toJson();
    IngestOptions read = new IngestOptions(json);

    assertThat(read.toJson()).isEqualTo(json);
    assertThat(read.chunkLimits()).isEqualTo(new ChunkLimits(600, 5, 7, 8));
    assertThat(read.sessionLimits()).isEqualTo(new SessionLimits(Set.of("live", "studio"), 9, 1000, 11));
    assertThat(read.cacheMaxPackets()).isEqualTo(12);
    assertThat(read.cacheMaxBytes()).isEqualTo(13);
    assertThat(read.cacheMaxNodeBytes()).isEqualTo(18);
    assertThat(read.maxInFlight()).isEqualTo(14);
    assertThat(read.rebalanceThreshold()).isEqualTo(15);
    assertThat(read.tlsPort()).isEqualTo(1937);
    assertThat(read.tlsCertPath()).isEqualTo("/tls/cert.pem");
    assertThat(read.tlsKeyPath()).isEqualTo("/tls/key.pem");
    // Every setting is a key of the JSON: none is lost on its way to the verticle.
    assertThat(read.takeoverIdleMs()).isEqualTo(16);
    assertThat(read.publisherTakeover()).isEqualTo(TakeoverMode.NEVER);
    assertThat(read.reconnectGraceMs()).isEqualTo(17);
    assertThat(json.fieldNames()).hasSize(26);
  }
}
