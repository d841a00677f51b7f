package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.Config;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.inlet.bus.ClusterMaps;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The auth quorum: a majority of the described members, counting those heard from lately on this
 * member's own clock (the heartbeat's sender timestamp, another machine's clock, plays no part).
 */
class RecentlyHeardMembersTest {

  private static final long MS = 1_000_000;
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final RecentlyHeardMembers majorityOfThree = new RecentlyHeardMembers(2, 3_000, now::get);
  private final Member self = member(true);
  private final Member peerA = member(false);
  private final Member peerB = member(false);

  @Test
  void holdsWhileAMajorityWasHeardWithinTheTolerance() {
    majorityOfThree.onHeartbeat(peerA, 0);
    majorityOfThree.onHeartbeat(peerB, 0);
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB))).isTrue();

    now.addAndGet(2_000 * MS);
    majorityOfThree.onHeartbeat(peerA, 0);
    now.addAndGet(1_500 * MS);
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB))).as("B silent 3.5 s, A heard 1.5 s ago").isTrue();

    now.addAndGet(2_000 * MS);
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB)))
        .as("cut off: both peers silent beyond 3 s, still listed as members").isFalse();
    majorityOfThree.onHeartbeat(peerB, 0);
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB))).as("healed").isTrue();
  }

  @Test
  void aSenderTimestampFromASkewedClockChangesNothing() {
    majorityOfThree.onHeartbeat(peerA, System.currentTimeMillis() - 5_000); // a clock 5 s behind
    majorityOfThree.onHeartbeat(peerB, System.currentTimeMillis() + 5_000); // a clock 5 s ahead
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB))).isTrue();
    now.addAndGet(4_000 * MS);
    assertThat(majorityOfThree.apply(List.of(self, peerA, peerB))).isFalse();
  }

  @Test
  void aMemberJustJoinedCountsAndARemovedOneNoLonger() {
    majorityOfThree.memberAdded(new MembershipEvent(cluster(), peerA, MembershipEvent.MEMBER_ADDED, Set.of(self, peerA)));
    assertThat(majorityOfThree.apply(List.of(self, peerA))).isTrue();
    majorityOfThree.memberRemoved(new MembershipEvent(cluster(), peerA, MembershipEvent.MEMBER_REMOVED, Set.of(self)));
    assertThat(majorityOfThree.apply(List.of(self))).as("alone: one of three").isFalse();
    assertThat(majorityOfThree.apply(List.of(self, peerA))).as("forgotten until heard again").isFalse();
  }

  @Test
  void theFactoryProtectsTheKeyMapFromThreeMembersOn() {
    Config three = new Config();
    HazelcastClusterFactory.protectAuthWrites(three, HazelcastClusterFactory.expectedMembers("10.0.0.1", 5701,
        List.of("10.0.0.1:5701", "10.0.0.2:5701", "10.0.0.3:5701")));
    SplitBrainProtectionConfig protection = three.getSplitBrainProtectionConfigs().get(HazelcastClusterFactory.AUTH_QUORUM);
    assertThat(protection.getMinimumClusterSize()).isEqualTo(2);
    assertThat(protection.getProtectOn()).isEqualTo(SplitBrainProtectionOn.WRITE);
    assertThat(protection.getFunctionImplementation()).isInstanceOf(RecentlyHeardMembers.class);
    assertThat(three.getMapConfig(ClusterMaps.AUTH_KEYS).getSplitBrainProtectionName())
        .isEqualTo(HazelcastClusterFactory.AUTH_QUORUM);
    assertThat(HazelcastClusterFactory.expectedMembers("10.0.0.4", 5701, List.of("10.0.0.1:5701", "10.0.0.2:5701",
        "10.0.0.3:5701", "10.0.0.4:5701"))).as("this member listed or not, counted once").isEqualTo(4);

    Config two = new Config();
    HazelcastClusterFactory.protectAuthWrites(two, HazelcastClusterFactory.expectedMembers("10.0.0.1", 5701,
        List.of("10.0.0.2:5701")));
    assertThat(two.getSplitBrainProtectionConfigs()).as("two members: a majority is both, so no protection").isEmpty();
  }

  private static Member member(boolean local) {
    UUID uuid = UUID.randomUUID();
    return (Member) Proxy.newProxyInstance(Member.class.getClassLoader(), new Class<?>[] {Member.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getUuid" -> uuid;
          case "localMember" -> local;
          case "hashCode" -> uuid.hashCode();
          case "equals" -> proxy == args[0];
          case "toString" -> "member " + uuid;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static Cluster cluster() {
    return (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(), new Class<?>[] {Cluster.class},
        (proxy, method, args) -> {
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
