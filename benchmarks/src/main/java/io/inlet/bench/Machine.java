package io.inlet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** What the machine is and how busy it is, from /proc (Linux). CPU times are in clock ticks (USER_HZ, 100/s). */
final class Machine {

  static final double TICKS_PER_SECOND = 100;

  /** Busy and total CPU ticks summed over all cores, from the first line of /proc/stat. */
  record CpuTicks(long busy, long total) {
    /** Busy cores (0..nproc) between {@code earlier} and this. */
    double busyCoresSince(CpuTicks earlier, int cores) {
      long total = this.total - earlier.total;
      return total == 0 ? 0 : cores * (double) (busy - earlier.busy) / total;
    }
  }

  private Machine() {}

  static String describe() {
    return String.format("machine: nproc %d, %s, Java %s (%s), load average %s",
        Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
        System.getProperty("java.vm.name"), loadAverage());
  }

  /** nproc, CPU model and Java version, for a chart's title. */
  static String describeShort() {
    return String.format("%d x %s, Java %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
        System.getProperty("java.version"));
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException e) {
      return "?";
    }
  }

  /** User and system CPU ticks. */
  record Ticks(long user, long system) {
    static final Ticks ZERO = new Ticks(0, 0);

    Ticks plus(Ticks other) {
      return new Ticks(user + other.user, system + other.system);
    }

    Ticks minus(Ticks other) {
      return new Ticks(user - other.user, system - other.system);
    }

    long total() {
      return user + system;
    }
  }

  /** User + system ticks of a process, all its threads (0 once it has exited). */
  static long processTicks(long pid) {
    return ticks(Path.of("/proc", String.valueOf(pid), "stat")).total();
  }

  /** User and system ticks of a process, all its threads (zero once it has exited). */
  static Ticks processUserSystem(long pid) {
    return ticks(Path.of("/proc", String.valueOf(pid), "stat"));
  }

  /**
   * A JVM's CPU ticks by kind of thread, from /proc/PID/task/TID: Vert.x event loops, JIT compilers,
   * garbage collection, and everything else (workers, timers, Hazelcast, JFR...). Threads that ended
   * are not counted: call it on a process whose threads live through the measurement.
   */
  static Map<String, Ticks> jvmThreadTicks(long pid) {
    Map<String, Ticks> groups = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      tasks.forEach(task -> {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          groups.merge(threadGroup(name), ticks(task.resolve("stat")), Ticks::plus);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      });
    } catch (IOException e) {
      return groups;
    }
    return groups;
  }

  private static String threadGroup(String threadName) {
    if (threadName.startsWith("vert.x-eventloo")) {
      return "event loops";
    }
    if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
      return "JIT compilers";
    }
    if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
      return "GC and VM";
    }
    return "other";
  }

  private static Ticks ticks(Path stat) {
    try {
      String line = Files.readString(stat);
      // The command name in parentheses may hold spaces ("C2 CompilerThre"): count fields after it.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return new Ticks(Long.parseLong(fields[11]), Long.parseLong(fields[12])); // utime, stime (fields 14, 15)
    } catch (IOException | RuntimeException e) {
      return Ticks.ZERO;
    }
  }

  /** VmRSS of a process in bytes (0 once it has exited). */
  static long rssBytes(long pid) {
    return statusKb(pid, "VmRSS:") * 1024;
  }

  /** Threads of a process, from /proc/PID/status. */
  static long threads(long pid) {
    return statusKb(pid, "Threads:");
  }

  /** Open file descriptors of a process (entries of /proc/PID/fd). */
  static long openFds(long pid) {
    try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The number of a /proc/PID/status line such as "VmRSS:  1234 kB" (0 when absent). */
  private static long statusKb(long pid, String field) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
          .filter(l -> l.startsWith(field)).findFirst()
          .map(l -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0])).orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static long selfTicks() {
    return processTicks(ProcessHandle.current().pid());
  }

  static CpuTicks cpuTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) { // user nice system idle iowait irq softirq steal
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new CpuTicks(total - idle, total);
    } catch (IOException | RuntimeException e) {
      return new CpuTicks(0, 0);
    }
  }
}
