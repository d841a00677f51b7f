package io.inlet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingest node (roles ingest,auth) and a decode node (roles decode), each a child JVM as bin/inlet
 * runs it, clustered over Hazelcast TCP on 127.0.0.1; N publishers to the ingest node, which forwards
 * every packet over the event bus to the remote decoder.
 */
final class RemoteDecode {

  private RemoteDecode() {}

  static ServerLoad measure(Path clip, int n, int seconds, Path work, List<String> members) throws Exception {
    List<String> cluster = List.of("--cluster", "tcp", "--cluster-host", "127.0.0.1", "--members", String.join(",", members));
    List<String> ingestArgs = new ArrayList<>(cluster);
    ingestArgs.addAll(List.of("--cluster-port", port(members.get(0))));
    List<String> decodeArgs = new ArrayList<>(cluster);
    decodeArgs.addAll(List.of("--cluster-port", port(members.get(1))));
    try (NodeProcess ingest = NodeProcess.start("ingest", "ingest,auth", work, ingestArgs);
        NodeProcess decode = NodeProcess.start("decode", "decode", work, decodeArgs)) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keys.add(ingest.createKey(String.format("fwd%02d", i)));
      }
      Thread.sleep(2000);
      long idleRss = Machine.rssBytes(ingest.pid());
      try (Publishers publishers = Publishers.start(clip, ingest.rtmpPort(), keys, PeersRun.logs(work, "forward"))) {
        PeersRun.awaitLive(ingest, n);
        StreamLoad.awaitDecoding(ingest::streams, n, 30 + n);
        Thread.sleep(PeersRun.SETTLE_SECONDS * 1000L);
        long decoded0 = ingest.sumOfStat("videoFramesDecoded");
        long dropped0 = ingest.sumOfStat("framesDropped");
        long decodeTicks0 = Machine.processTicks(decode.pid());
        long t0 = System.nanoTime();
        ServerLoad load = ServerLoad.measure("Inlet ingest node (ingest,auth; decode remote)", n, seconds, idleRss,
            () -> Machine.jvmThreadTicks(ingest.pid()), () -> Machine.rssBytes(ingest.pid()), publishers);
        double s = (System.nanoTime() - t0) / 1e9;
        load.print();
        System.out.printf("  decode node: %.2f cores, RSS %.1f MB; decoded %.1f fps per stream on average, %d frames"
                + " dropped in the window; %d of %d streams live%n",
            (Machine.processTicks(decode.pid()) - decodeTicks0) / (s * Machine.TICKS_PER_SECOND),
            Machine.rssBytes(decode.pid()) / 1e6, (ingest.sumOfStat("videoFramesDecoded") - decoded0) / s / n,
            ingest.sumOfStat("framesDropped") - dropped0, ingest.liveStreams(), n);
        return load;
      }
    }
  }

  private static String port(String hostPort) {
    return hostPort.substring(hostPort.lastIndexOf(':') + 1);
  }
}
