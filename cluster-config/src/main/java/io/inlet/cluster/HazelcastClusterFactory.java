package io.inlet.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.inlet.auth.service.WriteQuorum;
import io.inlet.bus.ClusterMaps;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How nodes form a Hazelcast cluster: TCP/IP join with an explicit member list, or Kubernetes
 * discovery. Multicast is always off (it does not cross Kubernetes nodes and surprises laptops).
 */
public final class HazelcastClusterFactory {

  /** Hazelcast group name, so a stray Hazelcast on the same network does not join Inlet. */
  public static final String CLUSTER_NAME = "inlet";

  /** The split-brain protection of the auth role's key map: its writes need a majority of the members. */
  public static final String AUTH_QUORUM = "inlet-auth-majority";
  /** A member not heard from for this long (three missed heartbeats) no longer counts towards it. */
  static final int AUTH_QUORUM_TOLERANCE_MS = 3_000;

  private HazelcastClusterFactory() {}

  /** TCP/IP join: {@code members} are host:port of other members (this node may be listed too). */
  public static HazelcastClusterManager tcp(String host, int port, List<String> members) {
    Config config = base(host, port);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host + ":" + port) : members);
    protectAuthWrites(config, expectedMembers(host, port, members));
    return new HazelcastClusterManager(config);
  }

  /**
   * Whether this member may change the auth role's keys now: true unless the auth key map's
   * split-brain protection is configured and this member's side of the cluster lacks the majority.
   */
  public static WriteQuorum authWriteQuorum(HazelcastClusterManager manager) {
    if (!manager.getConfig().getSplitBrainProtectionConfigs().containsKey(AUTH_QUORUM)) {
      return WriteQuorum.ALWAYS;
    }
    return () -> {
      HazelcastInstance hazelcast = manager.getHazelcastInstance();
      return hazelcast != null && hazelcast.getLifecycleService().isRunning()
          && hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(AUTH_QUORUM).hasMinimumSize();
    };
  }

  /** The member list's size, this member included: the cluster the operator described. */
  static int expectedMembers(String host, int port, List<String> members) {
    Set<String> all = new HashSet<>(members);
    all.add(host + ":" + port);
    return all.size();
  }

  /**
   * A split cluster must not take key changes on both sides (two creates of one name would collide
   * at the heal, and one 201-created key would stop working), so the key map takes writes only on
   * the side holding a majority of the described members, counting those heard from within
   * {@link #AUTH_QUORUM_TOLERANCE_MS} on its own clock ({@link RecentlyHeardMembers}) so that a
   * cut-off member refuses within seconds, before Hazelcast removes its peers. With fewer than three members a majority is every member, and one
   * lost member would stop all key changes: no protection then (the merge rules still hold).
   */
  static void protectAuthWrites(Config config, int expectedMembers) {
    if (expectedMembers < 3) {
      return;
    }
    int majority = expectedMembers / 2 + 1;
    SplitBrainProtectionConfig protection = new SplitBrainProtectionConfig(AUTH_QUORUM, true, majority)
        .setProtectOn(SplitBrainProtectionOn.WRITE)
        .setFunctionImplementation(new RecentlyHeardMembers(majority, AUTH_QUORUM_TOLERANCE_MS, System::nanoTime));
    config.addSplitBrainProtectionConfig(protection);
    config.getMapConfig(ClusterMaps.AUTH_KEYS).setSplitBrainProtectionName(AUTH_QUORUM);
  }

  /** Kubernetes discovery through the API of {@code serviceName}'s endpoints in the pod's namespace. */
  public static HazelcastClusterManager kubernetes(String host, int port, String serviceName) {
    Config config = base(host, port);
    config.getNetworkConfig().getJoin().getKubernetesConfig()
        .setEnabled(true)
        .setProperty("service-name", serviceName)
        .setProperty("service-port", String.valueOf(port));
    return new HazelcastClusterManager(config);
  }

  private static Config base(String host, int port) {
    // ConfigUtil keeps the map and multimap settings that Vert.x's cluster manager relies on.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Joining waits out these before electing a master; the defaults (5 s and 20 s) make every start slow.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    // Detect a dead member (kill -9) quickly: streams must move within 2 s of a decode node's loss.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    // A healed split merges within seconds: by default Hazelcast looks for the other side only after
    // 300 s, then every 120 s; a decode node cut off for 20 s must take work again, and the cut-off
    // side's key changes must converge, seconds after the heal.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    // The auth replicas' shared maps (stream keys, replica registry): one synchronous backup, so
    // losing any one member loses no key; each replica also keeps every key in its own journal.
    config.addMapConfig(new MapConfig(ClusterMaps.AUTH_MAPS_PATTERN).setBackupCount(1).setAsyncBackupCount(0));
    // The keys themselves: the same backup, and when a split heals the two sides' entries merge by the
    // order every replica's journal merges by (revocations never undone), not by which side was larger.
    MapConfig keys = new MapConfig(ClusterMaps.AUTH_KEYS).setBackupCount(1).setAsyncBackupCount(0);
    keys.getMergePolicyConfig().setPolicy(KeyStateMergePolicy.class.getName());
    config.addMapConfig(keys);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false).setPublicAddress(host + ":" + port);
    network.getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    return config;
  }
}
