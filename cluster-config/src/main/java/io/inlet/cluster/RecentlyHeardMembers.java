package io.inlet.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A split-brain protection that holds while at least {@code minimum} members (this one included)
 * have been heard from within {@code toleranceMs}, timed on this member's own monotonic clock when
 * each heartbeat arrives. Hazelcast's own "recently active" function compares the heartbeat's
 * sender timestamp with the local wall clock, so a member whose clock is a few seconds off would
 * count no peer at all (or count a silent one); arrival times make it immune to clock skew. Like
 * Hazelcast's, a cut-off member stops counting its peers within the tolerance, before its
 * failure detector removes them.
 */
final class RecentlyHeardMembers implements SplitBrainProtectionFunction, HeartbeatAware, MembershipListener {

  private final int minimum;
  private final long toleranceNanos;
  private final LongSupplier nanoClock;
  private final Map<UUID, Long> heardAt = new ConcurrentHashMap<>();

  RecentlyHeardMembers(int minimum, long toleranceMs, LongSupplier nanoClock) {
    this.minimum = minimum;
    this.toleranceNanos = toleranceMs * 1_000_000;
    this.nanoClock = nanoClock;
  }

  @Override
  public boolean apply(Collection<Member> members) {
    if (members.size() < minimum) {
      return false;
    }
    long now = nanoClock.getAsLong();
    int heard = 0;
    for (Member member : members) {
      Long at = heardAt.get(member.getUuid());
      if (member.localMember() || (at != null && now - at <= toleranceNanos)) {
        heard++;
      }
    }
    return heard >= minimum;
  }

  @Override
  public void onHeartbeat(Member member, long senderTimestamp) {
    heardAt.put(member.getUuid(), nanoClock.getAsLong());
  }

  /** A member that just joined counts until it has been silent for the tolerance. */
  @Override
  public void memberAdded(MembershipEvent event) {
    heardAt.put(event.getMember().getUuid(), nanoClock.getAsLong());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    heardAt.remove(event.getMember().getUuid());
  }
}
