package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeOptionsTest {

  @Test
  void defaultsAreTheEmbeddedNode() {
    NodeOptions options = NodeOptions.parse(new String[0], Map.of());
    assertThat(options.roles()).isEqualTo(Set.of(Role.INGEST, Role.DECODE, Role.AUTH));
    assertThat(options.bind()).isEqualTo("0.0.0.0");
    assertThat(options.rtmpPort()).isEqualTo(1935);
    assertThat(options.httpPort()).isEqualTo(8080);
    assertThat(options.dataDir().toString()).isEqualTo("./data");
    assertThat(options.cluster()).isEqualTo(ClusterMode.OFF);
    assertThat(options.clusterHost()).isEqualTo("127.0.0.1");
    assertThat(options.clusterPort()).isEqualTo(5701);
    assertThat(options.adminToken()).isNull();
    assertThat(options.frameHashDir()).isNull();
  }

  @Test
  void environmentSetsAndTheFlagWins() {
    Map<String, String> env = Map.of("INLET_RTMP_PORT", "1936", "INLET_HTTP_PORT", "8081", "INLET_ROLES", "decode");
    NodeOptions options = NodeOptions.parse(new String[] {"--http-port", "9000"}, env);
    assertThat(options.rtmpPort()).isEqualTo(1936);
    assertThat(options.httpPort()).isEqualTo(9000);
    assertThat(options.roles()).containsExactly(Role.DECODE);
  }

  @Test
  void everyOptionHasItsEnvironmentVariable() {
    for (NodeOptions.Option option : NodeOptions.OPTIONS) {
      assertThat(option.env()).startsWith("INLET_").doesNotContain("-");
    }
    assertThat(NodeOptions.OPTIONS).extracting(NodeOptions.Option::env)
        .contains("INLET_ROLES", "INLET_BIND", "INLET_RTMP_PORT", "INLET_HTTP_PORT", "INLET_DATA_DIR", "INLET_ADMIN_TOKEN",
            "INLET_CLUSTER", "INLET_MEMBERS", "INLET_CLUSTER_HOST", "INLET_CLUSTER_PORT", "INLET_FRAME_HASH_DIR");
  }

  @Test
  void equalsFormAndMembersList() {
    NodeOptions options = NodeOptions.parse(new String[] {"--cluster=tcp", "--members", "10.0.0.1:5701, 10.0.0.2:5701"}, Map.of());
    assertThat(options.cluster()).isEqualTo(ClusterMode.TCP);
    assertThat(options.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--rtmp-port|70000|--rtmp-port: 70000 is not a port number (0-65535)",
      "--rtmp-port|abc|--rtmp-port: 'abc' is not a number",
      "--roles|ingest,mixer|--roles: unknown role 'mixer' (expected ingest, decode, auth)",
      "--cluster|multicast|--cluster: 'multicast' is not one of off, tcp, kubernetes",
      "--nonsense|1|unknown option --nonsense (see --help)",
      "--hwaccel|dxva|--hwaccel: 'dxva' is not one of cuda, vaapi, vulkan",
      "--max-connections|0|--max-connections: must be a positive number"})
  void mistakesNameTheProblem(String flag, String value, String message) {
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {flag, value}, Map.of()))
        .isInstanceOf(UsageException.class).hasMessage(message);
  }

  @Test
  void aFlagWithoutValueIsAMistake() {
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--rtmp-port"}, Map.of()))
        .isInstanceOf(UsageException.class).hasMessage("--rtmp-port needs a value");
  }

  @Test
  void aWeakOrTemplateAdminTokenIsRefused() {
    assertThatThrownBy(() -> NodeOptions.parse(new String[0], Map.of("INLET_ADMIN_TOKEN", "REPLACE-ME-with-a-long-random-token")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--admin-token is still the placeholder of k8s/admin-secret.yaml; set a long random token (openssl rand -hex 32)");
    assertThatThrownBy(() -> NodeOptions.parse(new String[] {"--admin-token", "secret"}, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessage("--admin-token is 6 characters long; use at least 16 (openssl rand -hex 32)");
    assertThat(NodeOptions.parse(new String[] {"--admin-token", "0123456789abcdef"}, Map.of()).adminToken())
        .isEqualTo("0123456789abcdef");
  }
}
