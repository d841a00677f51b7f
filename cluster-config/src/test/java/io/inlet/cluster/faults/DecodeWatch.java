package io.inlet.cluster.faults;

import io.inlet.testkit.netlab.InletNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which decode node holds which stream, as the nodes themselves say it (each logs "stream 'x':
 * decoding on …" when it takes a stream and "stream 'x': decoder freed …" when it lets it go), and
 * which nodes decode frames at all (their {@code inlet_decode_frames_decoded} counters). A stream
 * held by two nodes at once is decoded twice.
 */
final class DecodeWatch {

  private static final Pattern CHANGE = Pattern.compile("stream '([^']+)': (decoding on|decoder freed)");

  private final Map<String, InletNode> decoders;
  private final Map<String, Double> lastFrames = new HashMap<>();

  /** {@code decoders}: decode node name to node. */
  DecodeWatch(Map<String, InletNode> decoders) {
    this.decoders = new LinkedHashMap<>(decoders);
    decodingNodes();
  }

  /** Stream name to the decode nodes that hold it now. */
  Map<String, Set<String>> holders() {
    Map<String, Set<String>> holders = new HashMap<>();
    decoders.forEach((node, decoder) -> {
      Matcher change = CHANGE.matcher(decoder.logText());
      Map<String, Boolean> held = new HashMap<>();
      while (change.find()) {
        held.put(change.group(1), change.group(2).equals("decoding on"));
      }
      held.forEach((stream, holds) -> {
        if (holds) {
          holders.computeIfAbsent(stream, s -> new TreeSet<>()).add(node);
        }
      });
    });
    return holders;
  }

  /** The decode nodes whose decoded-frame counters went up since the last call. */
  Set<String> decodingNodes() {
    Set<String> decoding = new TreeSet<>();
    decoders.forEach((node, decoder) -> {
      double frames = decoder.api().metric("inlet_decode_frames_decoded_total");
      Double before = lastFrames.put(node, frames);
      if (before != null && frames > before) {
        decoding.add(node);
      }
    });
    return decoding;
  }
}
