package io.inlet.auth.verticle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AuthOptionsTest {

  @Test
  void defaultsAllButTheDataDir() {
    AuthOptions options = new AuthOptions(new JsonObject().put("dataDir", "data"));
    assertThat(options.dataDir()).isEqualTo(Path.of("data"));
    assertThat(options.maxFailuresPerAddress()).isEqualTo(10);
    assertThat(options.failureWindowMs()).isEqualTo(60_000);
    assertThat(options.blockMs()).isEqualTo(300_000);
    assertThat(options.usageFlushMs()).isEqualTo(5_000);
    assertThat(options.reconcileMs()).isEqualTo(AuthOptions.DEFAULT_RECONCILE_MS);
    assertThat(options.replicaTimeoutMs()).isEqualTo(AuthOptions.DEFAULT_REPLICA_TIMEOUT_MS);
    assertThat(options.authWebhook()).isNull();
    assertThat(options.webhookSecret()).isNull();
    assertThat(options.webhookTimeoutMs()).isEqualTo(3_000);
  }

  @Test
  void theSecretNeverShowsInTheOptionsText() {
    AuthOptions options = new AuthOptions().dataDir(Path.of("d")).authWebhook("http://b/auth").webhookSecret("s3cret");
    assertThat(options.toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> new AuthOptions(new JsonObject().put("dataDir", "d").put("authWebhook", "ftp://x")))
        .hasMessageContaining("authWebhook");
  }

  @Test
  void theJsonRoundTrips() {
    AuthOptions options = new AuthOptions().dataDir(Path.of("/var/inlet")).maxFailuresPerAddress(0)
        .failureWindowMs(1).blockMs(2).usageFlushMs(3).reconcileMs(4).replicaTimeoutMs(5);
    JsonObject json = options.toJson();
    assertThat(json).isEqualTo(new JsonObject().put("dataDir", "/var/inlet").put("maxFailuresPerAddress", 0)
        .put("failureWindowMs", 1L).put("blockMs", 2L).put("usageFlushMs", 3L).put("reconcileMs", 4L)
        .put("replicaTimeoutMs", 5L).put("webhookTimeoutMs", AuthOptions.DEFAULT_WEBHOOK_TIMEOUT_MS));
    assertThat(new AuthOptions(json).toJson()).isEqualTo(json);
    JsonObject hooked = new AuthOptions().dataDir(Path.of("d")).authWebhook("https://backend/auth")
        .webhookSecret("s3cret").webhookTimeoutMs(250).toJson();
    assertThat(hooked.getString("authWebhook")).isEqualTo("https://backend/auth");
    assertThat(new AuthOptions(hooked).toJson()).isEqualTo(hooked);
    assertThat(new AuthOptions(hooked).webhookTimeoutMs()).isEqualTo(250);
    JsonObject defaults = new AuthOptions().dataDir(Path.of("d")).toJson();
    assertThat(new AuthOptions(defaults).toJson()).isEqualTo(defaults);
    assertThat(new AuthOptions(new JsonObject().put("dataDir", "d")).toJson()).isEqualTo(defaults);
  }

  @Test
  void optionsWithoutADataDirCannotBeDeployed() {
    assertThatThrownBy(() -> new AuthOptions(new AuthOptions().toJson())).hasMessageContaining("dataDir");
  }

  @Test
  void readsEveryKey() {
    AuthOptions options = new AuthOptions(new JsonObject().put("dataDir", "/d")
        .put("maxFailuresPerAddress", 3).put("failureWindowMs", 1000).put("blockMs", 2000L).put("usageFlushMs", 50));
    assertThat(options.maxFailuresPerAddress()).isEqualTo(3);
    assertThat(options.failureWindowMs()).isEqualTo(1000);
    assertThat(options.blockMs()).isEqualTo(2000);
    assertThat(options.usageFlushMs()).isEqualTo(50);
  }

  @Test
  void namesTheKeyThatIsWrong() {
    assertThatThrownBy(() -> new AuthOptions(new JsonObject())).hasMessageContaining("dataDir");
    assertThatThrownBy(() -> new AuthOptions(new JsonObject().put("dataDir", " ")))
        .hasMessageContaining("dataDir");
    assertThatThrownBy(() -> new AuthOptions(new JsonObject().put("dataDir", "d").put("blockMs", -1)))
        .hasMessageContaining("blockMs");
    assertThatThrownBy(() -> new AuthOptions(new JsonObject().put("dataDir", "d").put("failureWindowMs", "1")))
        .hasMessageContaining("failureWindowMs");
    assertThatThrownBy(() -> new AuthOptions(new JsonObject().put("dataDir", "d")
        .put("maxFailuresPerAddress", 1L << 40))).hasMessageContaining("maxFailuresPerAddress");
  }
}
