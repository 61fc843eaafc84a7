// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.util.Objects;

/**
 * One reachability entry: a prefix and, on ADD-PATH sessions (RFC 7911 §3), its path identifier.
 *
 * @param pathId the path identifier (0 to 2^32-1), or -1 without ADD-PATH
 */
public record Nlri(Prefix prefix, long pathId) {
  public Nlri {
    Objects.requireNonNull(prefix, "prefix");
  }

  public static Nlri of(Prefix prefix) {
    return new Nlri(prefix, -1);
  }

  public boolean hasPathId() {
    return pathId >= 0;
  }

  @Override
  public String toString() {
    return hasPathId() ? prefix + " path " + pathId : prefix.toString();
  }
}
