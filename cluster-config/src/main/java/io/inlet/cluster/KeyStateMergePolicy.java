package io.inlet.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.inlet.auth.store.KeyState;
import io.inlet.bus.ClusterMaps;
import io.vertx.core.json.JsonObject;

/**
 * How the auth role's key map ({@link ClusterMaps#AUTH_KEYS}) merges when a split cluster heals: of
 * the two sides' entries for one name, the one that {@link KeyState#supersedes supersedes} the other
 * stays, the same order every replica's journal merges by. So a revocation made on either side is
 * never undone by the other side's stale copy of the key, and a later creation of a name wins over an
 * older key. Hazelcast's default (keep the larger side's entry) would do for a minority that took no
 * writes, but not for one that took writes before it knew it was cut off. An unreadable entry loses.
 */
public final class KeyStateMergePolicy
    implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    KeyState incoming = parse(merging.getDeserializedValue());
    KeyState kept = parse(existing.getDeserializedValue());
    return incoming != null && incoming.supersedes(kept) ? merging.getRawValue() : existing.getRawValue();
  }

  /** The key state a map value holds (its JSON text), or null if it holds none. */
  static KeyState parse(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return KeyState.fromJson(new JsonObject(text));
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // Stateless: nothing travels with it.
  }

  @Override
  public void readData(ObjectDataInput in) {
    // Stateless.
  }
}
