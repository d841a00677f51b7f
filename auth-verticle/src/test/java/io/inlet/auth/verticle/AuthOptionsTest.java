package io.inlet.auth.verticle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuthOptionsTest {

  @Test
  void defaultsAllButTheDataDir() {
    AuthOptions options = AuthOptions.fromJson(new JsonObject().put("dataDir", "data"));
    assertThat(options.dataDir()).isEqualTo(Path.of("data"));
    assertThat(options.maxFailuresPerAddress()).isEqualTo(10);
    assertThat(options.failureWindowMs()).isEqualTo(60_000);
    assertThat(options.blockMs()).isEqualTo(300_000);
    assertThat(options.usageFlushMs()).isEqualTo(5_000);
  }

  @Test
  void readsEveryKey() {
    AuthOptions options = AuthOptions.fromJson(new JsonObject().put("dataDir", "/d")
        .put("maxFailuresPerAddress", 3).put("failureWindowMs", 1000).put("blockMs", 2000L).put("usageFlushMs", 50));
    assertThat(options.maxFailuresPerAddress()).isEqualTo(3);
    assertThat(options.failureWindowMs()).isEqualTo(1000);
    assertThat(options.blockMs()).isEqualTo(2000);
    assertThat(options.usageFlushMs()).isEqualTo(50);
  }

  @Test
  void namesTheKeyThatIsWrong() {
    assertThatThrownBy(() -> AuthOptions.fromJson(new JsonObject())).hasMessageContaining("dataDir");
    assertThatThrownBy(() -> AuthOptions.fromJson(new JsonObject().put("dataDir", " ")))
        .hasMessageContaining("dataDir");
    assertThatThrownBy(() -> AuthOptions.fromJson(new JsonObject().put("dataDir", "d").put("blockMs", -1)))
        .hasMessageContaining("blockMs");
    assertThatThrownBy(() -> AuthOptions.fromJson(new JsonObject().put("dataDir", "d").put("failureWindowMs", "1")))
        .hasMessageContaining("failureWindowMs");
    assertThatThrownBy(() -> AuthOptions.fromJson(new JsonObject().put("dataDir", "d")
        .put("maxFailuresPerAddress", 1L << 40))).hasMessageContaining("maxFailuresPerAddress");
  }
}
