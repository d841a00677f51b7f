package io.inlet.node;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code bin/inlet}: starts one node in the foreground; SIGTERM or Ctrl-C drains and stops it. */
public final class Main {

  /** Exit code for a user's mistake: bad option, port in use, unusable data dir. */
  static final int USAGE_ERROR = 2;
  /** Beyond the drain grace period, how long stopping may take. */
  private static final long STOP_MARGIN_S = 20;

  /** Set when main itself exits with a code; the shutdown hook then leaves that code alone. */
  private static volatile boolean exiting;

  private Main() {}

  public static void main(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(NodeOptions.usage());
        return;
      }
    }
    Node node;
    try {
      node = new Node(NodeOptions.parse(args, System.getenv()));
    } catch (UsageException e) {
      exit(USAGE_ERROR, e.getMessage());
      return;
    }
    // Installed before starting: the first-start banner is printed as the start completes, and a
    // SIGTERM right after it must still drain and exit 0.
    installShutdownHook(node);
    try {
      node.start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (UsageException e) {
      exit(USAGE_ERROR, e.getMessage());
      return;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UsageException usage) {
        exit(USAGE_ERROR, usage.getMessage());
      } else {
        exit(1, "could not start: " + e.getCause());
      }
      return;
    } catch (TimeoutException e) {
      exit(1, "could not start within 120 s");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
  }

  private static void installShutdownHook(Node node) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (exiting) {
        return; // exit(code) is under way: its code stands
      }
      int code = 0;
      try {
        long timeoutS = node.options().drainGraceMs() / 1000 + STOP_MARGIN_S;
        node.stop().toCompletionStage().toCompletableFuture().get(timeoutS, TimeUnit.SECONDS);
        System.err.println("inlet: stopped");
      } catch (Exception e) {
        System.err.println("inlet: did not stop cleanly: " + e);
        code = 1;
      }
      // A drained stop is a clean exit (0), not the JVM's 143 for SIGTERM.
      Runtime.getRuntime().halt(code);
    }, "inlet-shutdown"));
  }

  private static void exit(int code, String message) {
    exiting = true;
    System.err.println("inlet: " + message);
    System.exit(code);
  }
}
