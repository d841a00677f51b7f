package io.inlet.testkit.netlab;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel names of one lab's parts, unique per owning process and lab, so that labs of concurrent
 * test JVMs never meet, and a leftover can be traced to its owner's pid. Interface names stay within
 * Linux's 15 characters: {@code nl<pid><lab>b} for the bridge, {@code nl<pid><lab>v<n>} for the
 * root end of host n's veth pair (a pid has at most 7 digits).
 */
record LabNames(long pid, char lab) {

  private static final Pattern LINK = Pattern.compile("^nl(\\d+)[a-z](?:b|v\\d+)(?:@.*)?$");
  private static final Pattern NAMESPACE = Pattern.compile("^netlab-(\\d+)[a-z]-.+$");

  String bridge() {
    return "nl" + pid + lab + "b";
  }

  String veth(int host) {
    return "nl" + pid + lab + "v" + host;
  }

  String namespace(String host) {
    return "netlab-" + pid + lab + "-" + host;
  }

  /** The pid owning a link named like a lab's bridge or veth, if it is one. */
  static OptionalLong linkOwner(String linkName) {
    return owner(LINK.matcher(linkName));
  }

  /** The pid owning a namespace named like a lab's host, if it is one. */
  static OptionalLong namespaceOwner(String namespace) {
    return owner(NAMESPACE.matcher(namespace));
  }

  private static OptionalLong owner(Matcher matcher) {
    return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }
}
