package io.inlet.node;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The verticles a node can run. */
public enum Role {
  INGEST,
  DECODE,
  AUTH;

  /** Parses a comma-separated role list such as {@code ingest,decode,auth}. */
  public static Set<Role> parseList(String text) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--roles: unknown role '" + name + "' (expected ingest, decode, auth)");
      }
    }
    if (roles.isEmpty()) {
      throw new UsageException("--roles: at least one role is needed (ingest, decode, auth)");
    }
    return roles;
  }
}
