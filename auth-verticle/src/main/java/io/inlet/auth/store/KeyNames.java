package io.inlet.auth.store;

import java.util.regex.Pattern;

/** The rule for a stream key's public name: {@code [A-Za-z0-9._-]{1,64}}. */
public final class KeyNames {

  private KeyNames() {}

  public static final int MAX_LENGTH = 64;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

  /** The sentence a caller sees when a name breaks the rule. */
  public static final String RULE =
      "A key name must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.";

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }
}
