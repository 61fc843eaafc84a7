// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An AS_PATH (RFC 4271 §4.3) as a list of segments, written the usual way: sequences space
 * separated, sets in braces ({@code 701 {1 2}}), confederation sequences in parentheses and
 * confederation sets in brackets.
 */
public record AsPath(List<AsPathSegment> segments) {
  public static final AsPath EMPTY = new AsPath(List.of());

  public AsPath {
    segments = List.copyOf(segments);
  }

  /** RFC 4271 §9.1.2.2 path length. */
  public int pathLength() {
    int n = 0;
    for (AsPathSegment s : segments) {
      n += s.pathLength();
    }
    return n;
  }

  /**
   * The originating AS: the last AS of a final AS_SEQUENCE, or the single member of a final AS_SET.
   * Empty for an empty path, or one ending in a set of several ASes (an aggregate with no single
   * origin) or in a confederation segment.
   */
  public OptionalLong originAs() {
    if (segments.isEmpty()) {
      return OptionalLong.empty();
    }
    AsPathSegment last = segments.get(segments.size() - 1);
    if (last.type() == AsPathSegment.AS_SEQUENCE && !last.asns().isEmpty()) {
      return OptionalLong.of(last.asns().get(last.asns().size() - 1));
    }
    if (last.type() == AsPathSegment.AS_SET && last.asns().size() == 1) {
      return OptionalLong.of(last.asns().get(0));
    }
    return OptionalLong.empty();
  }

  /**
   * RFC 6793 §4.2.3: the path a 4-octet speaker reconstructs from a 2-octet AS_PATH (with AS_TRANS
   * in place of large ASNs) and an AS4_PATH. If AS4_PATH is longer, AS_PATH is used as is;
   * otherwise the leading ASes of AS_PATH that AS4_PATH does not cover are kept and AS4_PATH
   * appended. Confederation segments count zero and are kept where they stand.
   */
  public static AsPath merge(AsPath asPath, AsPath as4Path) {
    int keep = asPath.pathLength() - as4Path.pathLength();
    if (keep < 0) {
      return asPath;
    }
    List<AsPathSegment> out = new ArrayList<>();
    for (AsPathSegment s : asPath.segments) {
      if (keep == 0 && !s.isConfederation()) {
        break;
      }
      int n = s.pathLength();
      if (n <= keep) {
        out.add(s);
        keep -= n;
      } else {
        out.add(new AsPathSegment(s.type(), s.asns().subList(0, keep)));
        keep = 0;
      }
    }
    out.addAll(as4Path.segments);
    return new AsPath(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (AsPathSegment s : segments) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      String open;
      String close;
      String sep = " ";
      switch (s.type()) {
        case AsPathSegment.AS_SET:
          open = "{";
          close = "}";
          sep = ",";
          break;
        case AsPathSegment.AS_CONFED_SEQUENCE:
          open = "(";
          close = ")";
          break;
        case AsPathSegment.AS_CONFED_SET:
          open = "[";
          close = "]";
          sep = ",";
          break;
        default:
          open = "";
          close = "";
      }
      sb.append(open);
      for (int i = 0; i < s.asns().size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(s.asns().get(i));
      }
      sb.append(close);
    }
    return sb.toString();
  }
}
