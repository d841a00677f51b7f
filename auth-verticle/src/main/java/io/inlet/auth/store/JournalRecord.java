package io.inlet.auth.store;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** One line of {@code keys.journal}: a JSON object whose {@code op} says which change it records. */
sealed interface JournalRecord {

  String name();

  /** The JSON text of this record, without the line feed. */
  String toLine();

  /** A key was created (or, after compaction, still exists) with this hash. */
  record Created(String name, String hash, Instant createdAt, Instant lastUsedAt)
      implements JournalRecord {
    @Override
    public String toLine() {
      JsonObject json = new JsonObject().put("op", "created").put("name", name).put("hash", hash)
          .put("createdAt", createdAt.toString());
      if (lastUsedAt != null) {
        json.put("lastUsedAt", lastUsedAt.toString());
      }
      return json.encode();
    }
  }

  /** The key with this name was revoked. */
  record Revoked(String name, Instant at) implements JournalRecord {
    @Override
    public String toLine() {
      return new JsonObject().put("op", "revoked").put("name", name).put("at", at.toString()).encode();
    }
  }

  /**
   * Clustered stores only: the key with this name and hash was revoked, kept (also through
   * compaction) so that a stale replica can never bring it back. See {@link KeyState}.
   */
  record Tombstone(String name, String hash, Instant createdAt, Instant revokedAt) implements JournalRecord {
    Tombstone(KeyState state) {
      this(state.name(), state.hash(), state.createdAt(), state.revokedAt());
    }

    KeyState state() {
      return new KeyState(name, hash, createdAt, revokedAt);
    }

    @Override
    public String toLine() {
      return new JsonObject().put("op", "tombstone").put("name", name).put("hash", hash)
          .put("createdAt", createdAt.toString()).put("revokedAt", revokedAt.toString()).encode();
    }
  }

  /** The key with this name validated a publish at this time. */
  record Used(String name, Instant at) implements JournalRecord {
    @Override
    public String toLine() {
      return new JsonObject().put("op", "used").put("name", name).put("at", at.toString()).encode();
    }
  }

  Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /**
   * Parses the text of one line into a JSON object.
   *
   * @throws DecodeException if it is not one
   */
  static JsonObject json(String line) {
    try {
      return new JsonObject(line);
    } catch (ClassCastException e) {
      throw new DecodeException("not a JSON object");
    }
  }

  /**
   * Reads the record a line's JSON object holds.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing the line)
   */
  static JournalRecord of(JsonObject json) {
    String op = text(json, "op");
    String name = text(json, "name");
    if (!KeyNames.isValid(name)) {
      throw new IllegalArgumentException("invalid key name");
    }
    switch (op) {
      case "created":
        String hash = text(json, "hash");
        if (!HASH.matcher(hash).matches()) {
          throw new IllegalArgumentException("hash is not 64 lower-case hex digits");
        }
        Instant lastUsed = json.getValue("lastUsedAt") == null ? null : instant(json, "lastUsedAt");
        return new Created(name, hash, instant(json, "createdAt"), lastUsed);
      case "revoked":
        return new Revoked(name, instant(json, "at"));
      case "tombstone":
        String revokedHash = text(json, "hash");
        if (!HASH.matcher(revokedHash).matches()) {
          throw new IllegalArgumentException("hash is not 64 lower-case hex digits");
        }
        return new Tombstone(name, revokedHash, instant(json, "createdAt"), instant(json, "revokedAt"));
      case "used":
        return new Used(name, instant(json, "at"));
      default:
        throw new IllegalArgumentException("unknown op");
    }
  }

  private static String text(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (!(value instanceof String)) {
      throw new IllegalArgumentException("missing text field \"" + field + "\"");
    }
    return (String) value;
  }

  private static Instant instant(JsonObject json, String field) {
    try {
      return Instant.parse(text(json, field));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + field + "\" is not an ISO-8601 instant");
    }
  }
}
