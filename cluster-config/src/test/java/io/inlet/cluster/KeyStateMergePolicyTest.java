package io.inlet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.spi.merge.MergingValue;
import io.inlet.auth.service.StreamKeys;
import io.inlet.auth.store.KeyState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The auth key map's merge at a heal: the entry of either side that supersedes the other stays, so
 * a revocation is never undone by the other side's stale copy, whichever side is larger.
 */
class KeyStateMergePolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final KeyState LIVE = new KeyState("cam1", StreamKeys.hash("one"), T0, null);
  private static final KeyState REVOKED = LIVE.revoked(T0.plusSeconds(5));
  private static final KeyState CREATED_AGAIN = new KeyState("cam1", StreamKeys.hash("two"), T0.plusSeconds(9), null);

  private final KeyStateMergePolicy policy = new KeyStateMergePolicy();

  /** A map entry's value as Hazelcast hands it over: the raw form stands for the serialized one. */
  private record Value(Object value) implements MergingValue<Object> {
    @Override
    public Object getDeserializedValue() {
      return value;
    }

    @Override
    public Object getRawValue() {
      return "raw:" + value;
    }
  }

  private static Value of(KeyState state) {
    return new Value(state.toJson().encode());
  }

  @Test
  void aRevocationWinsOverTheSameKeyLiveFromEitherSide() {
    assertThat(policy.merge(of(LIVE), of(REVOKED))).isEqualTo(of(REVOKED).getRawValue());
    assertThat(policy.merge(of(REVOKED), of(LIVE))).isEqualTo(of(REVOKED).getRawValue());
  }

  @Test
  void aLaterCreationWinsOverAnOlderTombstone() {
    assertThat(policy.merge(of(CREATED_AGAIN), of(REVOKED))).isEqualTo(of(CREATED_AGAIN).getRawValue());
    assertThat(policy.merge(of(REVOKED), of(CREATED_AGAIN))).isEqualTo(of(CREATED_AGAIN).getRawValue());
  }

  @Test
  void anEntryOnlyOneSideHasIsKeptAndEqualEntriesStay() {
    assertThat(policy.merge(of(LIVE), null)).isEqualTo(of(LIVE).getRawValue());
    assertThat(policy.merge(of(LIVE), of(LIVE))).isEqualTo(of(LIVE).getRawValue());
  }

  @Test
  void anUnreadableEntryLoses() {
    assertThat(policy.merge(new Value("{not json"), of(LIVE))).isEqualTo(of(LIVE).getRawValue());
    assertThat(policy.merge(of(LIVE), new Value(42))).isEqualTo(of(LIVE).getRawValue());
  }
}
