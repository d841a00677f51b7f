package io.inlet.auth.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is known of one key name in a cluster: the key created under it (its hash and creation time)
 * and, once revoked, when. States of one name are ordered so that replicas can merge them by keeping
 * the greater one, in any order and any number of times:
 * <ol>
 *   <li>a later {@code createdAt} wins: a name is only created again after its previous key was
 *       revoked, so an older key of the same name is dead;</li>
 *   <li>same creation time, different hash (only after a split brain): the greater hash wins, so
 *       every replica picks the same one;</li>
 *   <li>same key: revoked wins over live, so a revocation is never undone by a stale replica;</li>
 *   <li>same key revoked twice (only by revokes racing a split): the earlier revocation wins, so
 *       every replica keeps the same tombstone.</li>
 * </ol>
 */
public record KeyState(String name, String hash, Instant createdAt, Instant revokedAt) {

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public KeyState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean live() {
    return revokedAt == null;
  }

  /** This key, revoked at {@code at}. */
  public KeyState revoked(Instant at) {
    return new KeyState(name, hash, createdAt, at);
  }

  /** Whether this state is strictly newer than {@code other} (null: nothing known). */
  public boolean supersedes(KeyState other) {
    if (other == null) {
      return true;
    }
    int byTime = createdAt.compareTo(other.createdAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    int byHash = hash.compareTo(other.hash);
    if (byHash != 0) {
      return byHash > 0;
    }
    if (live() || other.live()) {
      return !live() && other.live();
    }
    return revokedAt.isBefore(other.revokedAt);
  }

  /** The newer of two states of one name; either may be null. */
  public static KeyState newer(KeyState a, KeyState b) {
    if (a == null) {
      return b;
    }
    return b != null && b.supersedes(a) ? b : a;
  }

  /** Its JSON form, always encoded the same way (the cluster map compares values as text). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("hash", hash).put("createdAt", createdAt.toString());
    if (revokedAt != null) {
      json.put("revokedAt", revokedAt.toString());
    }
    return json;
  }

  /** @throws IllegalArgumentException if the JSON is not a key state */
  public static KeyState fromJson(JsonObject json) {
    try {
      String name = json.getString("name");
      String hash = json.getString("hash");
      if (!KeyNames.isValid(name) || hash == null || !HASH.matcher(hash).matches()) {
        throw new IllegalArgumentException("not a key state");
      }
      String revoked = json.getString("revokedAt");
      return new KeyState(name, hash, Instant.parse(json.getString("createdAt")),
          revoked == null ? null : Instant.parse(revoked));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a key state", e);
    }
  }

  @Override
  public String toString() {
    return "KeyState[" + name + " created " + createdAt + (revokedAt == null ? "" : " revoked " + revokedAt) + "]";
  }
}
