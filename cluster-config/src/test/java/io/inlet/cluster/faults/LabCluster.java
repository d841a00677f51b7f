package io.inlet.cluster.faults;

import io.inlet.testkit.Await;
import io.inlet.testkit.Ffmpeg;
import io.inlet.testkit.netlab.Host;
import io.inlet.testkit.netlab.InletNode;
import io.inlet.testkit.netlab.Lab;
import io.inlet.testkit.netlab.Publisher;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machines of the network-fault scenarios, each its own host of a {@link Lab}: a publisher host
 * (FFmpeg only), an ingest node, and two decode nodes that are also the auth replicas (so an ingest
 * node cut from the decoders is cut from every auth replica too).
 */
final class LabCluster implements AutoCloseable {

  final Lab lab;
  final Host publisherHost;
  final Host ingestHost;
  final Host decodeAHost;
  final Host decodeBHost;
  final InletNode ingest;
  final InletNode decodeA;
  final InletNode decodeB;
  private final Path dir;
  private final Path clip;
  private final Map<String, Publisher> publishers = new LinkedHashMap<>();

  private LabCluster(Lab lab, Path dir) throws IOException, InterruptedException {
    this.lab = lab;
    this.dir = dir;
    publisherHost = lab.addHost("publisher");
    ingestHost = lab.addHost("ingest");
    decodeAHost = lab.addHost("decode-a");
    decodeBHost = lab.addHost("decode-b");
    List<Host> members = List.of(ingestHost, decodeAHost, decodeBHost);
    ingest = InletNode.on(ingestHost).roles("ingest").members(members).start(dir);
    decodeA = decoder(decodeAHost, members);
    decodeB = decoder(decodeBHost, members);
    clip = dir.resolve("clip.flv");
    Ffmpeg.run(dir.resolve("encode.log"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-f", "flv", clip.toString());
    for (InletNode node : List.of(ingest, decodeA, decodeB)) {
      Await.until(node.host() + " ready", Duration.ofSeconds(90), () -> node.api().ready());
    }
  }

  private InletNode decoder(Host host, List<Host> members) throws IOException {
    return InletNode.on(host).roles("decode,auth").members(members).start(dir);
  }

  static LabCluster start(Path dir) throws IOException, InterruptedException {
    Lab lab = Lab.start();
    try {
      return new LabCluster(lab, dir);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      lab.close();
      throw e;
    }
  }

  /** A new key named {@code name}, created on an auth replica. */
  String createKey(String name) {
    return decodeB.api().createKey(name);
  }

  /** Starts a real FFmpeg on the publisher host publishing stream {@code name} with {@code key} to the ingest node. */
  Publisher publish(String name, String key) throws IOException {
    Publisher publisher = Publisher.loop(publisherHost, dir.resolve("publish-" + name + ".log"), clip, ingest.rtmpUrl(key));
    publishers.put(name, publisher);
    return publisher;
  }

  Map<String, Publisher> publishers() {
    return publishers;
  }

  /** The streams as the ingest node sees the cluster. */
  Map<String, JsonObject> streams() {
    return ingest.api().streams();
  }

  @Override
  public void close() {
    lab.close();
  }
}
