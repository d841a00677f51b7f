package io.inlet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a child JVM's memory goes, from {@code jcmd}: the committed memory of each Native Memory Tracking
 * category (when the JVM runs with {@code -XX:NativeMemoryTracking=summary}, e.g. through
 * INLET_JAVA_OPTS), the heap's use, and the thread count.
 */
final class JvmMemory {

  private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
  private static final Pattern TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

  private JvmMemory() {}

  static void print(long pid) {
    List<String> nmt = jcmd(pid, "VM.native_memory", "summary");
    List<String> parts = new ArrayList<>();
    for (String line : nmt) {
      Matcher total = TOTAL.matcher(line.trim());
      if (total.find()) {
        parts.add(0, String.format("committed %.0f MB:", Long.parseLong(total.group(2)) / 1024.0));
      }
      Matcher category = CATEGORY.matcher(line.trim());
      long committedKb = category.find() ? Long.parseLong(category.group(3)) : 0;
      if (committedKb >= 1024) {
        parts.add(String.format("%s %.1f", category.group(1).trim(), committedKb / 1024.0));
      }
    }
    System.out.printf("  JVM memory (NMT, MB): %s%n", parts.isEmpty() ? "(start the node with"
        + " INLET_JAVA_OPTS=-XX:NativeMemoryTracking=summary for the breakdown)" : String.join("; ", parts));
    jcmd(pid, "GC.heap_info").stream().map(String::strip).filter(l -> !l.isEmpty()).limit(3)
        .forEach(l -> System.out.println("  heap: " + l));
    System.out.printf("  threads: %d%n", Machine.threads(pid));
  }

  private static List<String> jcmd(long pid, String... command) {
    List<String> args = new ArrayList<>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(String.valueOf(pid));
    args.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.lines().toList();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
