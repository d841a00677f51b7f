package io.inlet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/inlet} as a user runs it: a user's mistakes exit 2 with one line; SIGTERM stops it cleanly. */
class BinInletIT {

  private static final Path BIN = Path.of("..", "bin", "inlet").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(BIN.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("INLET_"));
    return builder.start();
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result run(String... args) throws Exception {
    Process process = start(args);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/inlet exits").isTrue();
    return new Result(process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aBadOptionExitsTwoWithOneLine() throws Exception {
    Result result = run("--rtmp-port", "abc");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip()).isEqualTo("inlet: --rtmp-port: 'abc' is not a number");
  }

  @Test
  void aPortInUseExitsTwoAndNamesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Result result = run("--rtmp-port", String.valueOf(taken.getLocalPort()), "--http-port", String.valueOf(freePort()),
          "--data-dir", dir.resolve("data").toString());
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderr()).contains("inlet: RTMP port " + taken.getLocalPort() + " on 0.0.0.0 is already in use");
      assertThat(result.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void anUnusableDataDirExitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Result result = run("--data-dir", file.resolve("data").toString(), "--rtmp-port", String.valueOf(freePort()),
        "--http-port", String.valueOf(freePort()));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip()).startsWith("inlet: --data-dir").contains("is not usable");
  }

  @Test
  void firstStartPrintsTheBannerAndSigtermStopsCleanly() throws Exception {
    int rtmp = freePort();
    int http = freePort();
    Process node = start("--rtmp-port", String.valueOf(rtmp), "--http-port", String.valueOf(http),
        "--data-dir", dir.resolve("data").toString());
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      List<String> banner = new ArrayList<>();
      String line;
      while ((line = out.readLine()) != null && !line.contains("Dashboard:")) {
        banner.add(line);
      }
      assertThat(line).as("banner printed").isNotNull().contains("http://localhost:" + http + "/");
      assertThat(String.join("\n", banner)).contains("Admin token:").contains("rtmp://localhost:" + rtmp + "/live/")
          .contains("ffmpeg ");
      node.destroy(); // SIGTERM
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(node.exitValue()).isZero();
    } finally {
      node.destroyForcibly();
    }
    // A second start of the same data dir prints no banner again.
    Path secondOut = dir.resolve("second-start.out");
    List<String> command = new ArrayList<>(List.of(BIN.toString(), "--rtmp-port", String.valueOf(rtmp),
        "--http-port", String.valueOf(http), "--data-dir", dir.resolve("data").toString()));
    Process again = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(secondOut.toFile()).start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(again.getErrorStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = err.readLine()) != null && !line.contains("HTTP listening")) {
        // wait until the node is up
      }
      again.destroy();
      assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).isZero();
      assertThat(Files.readString(secondOut)).doesNotContain("Admin token");
    } finally {
      again.destroyForcibly();
    }
  }
}
