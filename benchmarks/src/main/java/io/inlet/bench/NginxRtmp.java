package io.inlet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * nginx with Debian's libnginx-mod-rtmp (bin/bench installs both), as a child process: a minimal
 * nginx.conf in a temp dir, {@code live on; record off;}, one worker, listening on 127.0.0.1.
 */
final class NginxRtmp implements AutoCloseable {

  private static final Path MODULES = Path.of("/usr/lib/nginx/modules");

  private final Process process;
  private final int port;

  private NginxRtmp(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static NginxRtmp start(Path work) throws Exception {
    Path module;
    try (Stream<Path> files = Files.list(MODULES)) {
      module = files.filter(f -> f.getFileName().toString().contains("rtmp") && f.toString().endsWith(".so"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no rtmp module under " + MODULES
              + " (apt-get install nginx libnginx-mod-rtmp)"));
    }
    int port = NodeProcess.freePort();
    Path dir = Files.createDirectories(work.resolve("nginx"));
    Files.createDirectories(dir.resolve("logs"));
    String conf = String.join("\n",
        "load_module " + module + ";",
        "daemon off;",
        "master_process on;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "rtmp { server { listen 127.0.0.1:" + port + "; application live { live on; record off; } } }", "");
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Process process = new ProcessBuilder(nginx(), "-p", dir.toString(), "-c", confFile.toString(), "-e",
        dir.resolve("error.log").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    NginxRtmp nginx = new NginxRtmp(process, port);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return nginx;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          nginx.close();
          throw new IllegalStateException("nginx did not listen on " + port + ": "
              + Files.readString(dir.resolve("error.log")));
        }
        Thread.sleep(100);
      }
    }
  }

  private static String nginx() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "nginx";
  }

  int port() {
    return port;
  }

  /** The master and its workers. */
  List<Long> pids() {
    return Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
        .map(ProcessHandle::pid).toList();
  }

  Machine.Ticks ticks() {
    return pids().stream().map(Machine::processUserSystem).reduce(Machine.Ticks.ZERO, Machine.Ticks::plus);
  }

  long rssBytes() {
    return pids().stream().mapToLong(Machine::rssBytes).sum();
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> workers = process.toHandle().descendants().toList();
    process.destroy(); // SIGTERM: nginx's fast shutdown
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    workers.forEach(ProcessHandle::destroyForcibly);
  }
}
