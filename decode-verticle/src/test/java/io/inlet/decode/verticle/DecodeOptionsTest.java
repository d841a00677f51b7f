package io.inlet.decode.verticle;

import static org.assertj.core.api.Assertions.assertThat;

import io.inlet.decode.codec.DecoderSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DecodeOptionsTest {

  @Test
  void defaultsAreTheNamedConstants() {
    DecodeOptions options = new DecodeOptions();
    assertThat(options.nodeId()).isEqualTo(DecodeOptions.DEFAULT_NODE_ID);
    assertThat(options.maxLagMs()).isEqualTo(DecodeOptions.DEFAULT_MAX_LAG_MS);
    assertThat(options.maxStreams()).isEqualTo(DecodeOptions.DEFAULT_MAX_STREAMS);
    assertThat(options.threads()).isEqualTo(DecoderSettings.DEFAULT.threads());
    assertThat(options.frameHashDir()).isNull();
    assertThat(options.hwaccel()).isNull();
    assertThat(DecodeOptions.DEFAULT_WORKER_POOL_SIZE).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void anEmptyConfigMeansTheDefaults() {
    assertThat(new DecodeOptions(new JsonObject()).toJson()).isEqualTo(new DecodeOptions().toJson());
  }

  @Test
  void everySettingRoundTripsThroughJson() {
    JsonObject json = new DecodeOptions().nodeId("10.0.0.2:5701").frameHashDir("/hashes").maxLagMs(250).maxStreams(3)
        .hwaccel("vaapi").threads(2).toJson();
    DecodeOptions read = new DecodeOptions(json);
    assertThat(read.toJson()).isEqualTo(json);
    assertThat(read.nodeId()).isEqualTo("10.0.0.2:5701");
    assertThat(read.frameHashDir()).isEqualTo("/hashes");
    assertThat(read.maxLagMs()).isEqualTo(250);
    assertThat(read.maxStreams()).isEqualTo(3);
    assertThat(read.hwaccel()).isEqualTo("vaapi");
    assertThat(read.threads()).isEqualTo(2);
  }
}
