package io.inlet.testkit.netlab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the system tools of the lab ({@code ip}, {@code iptables}) and fails with their stderr. */
final class Shell {

  private Shell() {}

  /** Runs {@code command} to completion; its standard output, or an exception naming the failure. */
  static String run(List<String> command) {
    Result result = attempt(command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ": " + result.stderr().strip());
    }
    return result.stdout();
  }

  static String run(String... command) {
    return run(List.of(command));
  }

  /** Runs {@code command}; a non-zero exit is an answer here, not an error (cleanup of what may be gone). */
  static Result attempt(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      // Both streams are small (tool messages), so reading one after the other cannot dead-lock.
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, stdout, "timed out after 30 s");
      }
      return new Result(process.exitValue(), stdout, stderr);
    } catch (IOException e) {
      return new Result(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  static Result attempt(String... command) {
    return attempt(List.of(command));
  }

  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }
}
