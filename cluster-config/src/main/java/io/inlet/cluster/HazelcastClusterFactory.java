package io.inlet.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import io.inlet.bus.ClusterMaps;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * How nodes form a Hazelcast cluster: TCP/IP join with an explicit member list, or Kubernetes
 * discovery. Multicast is always off (it does not cross Kubernetes nodes and surprises laptops).
 */
public final class HazelcastClusterFactory {

  /** Hazelcast group name, so a stray Hazelcast on the same network does not join Inlet. */
  public static final String CLUSTER_NAME = "inlet";


  private HazelcastClusterFactory() {}

  /** TCP/IP join: {@code members} are host:port of other members (this node may be listed too). */
  public static HazelcastClusterManager tcp(String host, int port, List<String> members) {
    Config config = base(host, port);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host + ":" + port) : members);
    return new HazelcastClusterManager(config);
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
    // After a partition heals, the halves look for each other and merge after these (defaults 300 s
    // and 120 s): a decode node cut off for 20 s must take work again seconds after it is back.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    // The auth replicas' shared maps (stream keys, replica registry): one synchronous backup, so
    // losing any one member loses no key; each replica also keeps every key in its own journal.
    config.addMapConfig(new MapConfig(ClusterMaps.AUTH_MAPS_PATTERN).setBackupCount(1).setAsyncBackupCount(0));
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
