// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version number ordered as PEP 440 orders them (Python's {@code packaging.version.Version}),
 * which OONI's fastpath uses to compare test and engine versions ({@code 0.2.3}, {@code
 * 3.17.0-alpha}, {@code 1.0.post1.dev2+local}). Strings that are not PEP 440 versions are refused,
 * as current {@code packaging} refuses them.
 *
 * <p>Ordering (PEP 440 §"Summary of permitted suffixes and relative ordering"): epoch, then the
 * release with trailing zeros ignored, then pre-release (a &lt; b &lt; rc, none sorts after all,
 * except that a bare dev release sorts before its pre-releases), then post-release (none first),
 * then dev release (none last), then the local label (none first; numeric parts after alphanumeric
 * ones).
 */
public final class Pep440Version implements Comparable<Pep440Version> {
  // PEP 440, Appendix B: the canonical regular expression, case-insensitive, surrounding spaces
  // allowed.
  private static final Pattern PATTERN =
      Pattern.compile(
          "\\s*v?"
              + "(?:([0-9]+)!)?"
              + "([0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?"
              + "(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?"
              + "(?:[-_.]?(dev)[-_.]?([0-9]+)?)?"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
              + "\\s*",
          Pattern.CASE_INSENSITIVE);

  private final BigInteger epoch;
  private final List<BigInteger> release;
  // Pre-release: rank 0 = before everything (bare dev), 1..3 = a, b, rc, 4 = none.
  private final int preRank;
  private final BigInteger preNumber;
  private final BigInteger post; // null = none (sorts first)
  private final BigInteger dev; // null = none (sorts last)
  private final List<String> local; // null = none (sorts first)

  private Pep440Version(
      BigInteger epoch,
      List<BigInteger> release,
      int preRank,
      BigInteger preNumber,
      BigInteger post,
      BigInteger dev,
      List<String> local) {
    this.epoch = epoch;
    this.release = release;
    this.preRank = preRank;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /**
   * Parses a PEP 440 version.
   *
   * @throws IllegalArgumentException if {@code text} is not one (Python's {@code InvalidVersion})
   */
  public static Pep440Version parse(String text) {
    Matcher m = PATTERN.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid version: '" + text + "'");
    }
    BigInteger epoch = m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1));
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group(2).split("\\.")) {
      release.add(new BigInteger(part));
    }
    while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
      release.remove(release.size() - 1);
    }
    if (release.size() == 1 && release.get(0).signum() == 0) {
      release.clear();
    }
    BigInteger post = null;
    if (m.group(5) != null) {
      post = new BigInteger(m.group(5));
    } else if (m.group(6) != null) {
      post = m.group(7) == null ? BigInteger.ZERO : new BigInteger(m.group(7));
    }
    BigInteger dev = null;
    if (m.group(8) != null) {
      dev = m.group(9) == null ? BigInteger.ZERO : new BigInteger(m.group(9));
    }
    int preRank;
    BigInteger preNumber = BigInteger.ZERO;
    if (m.group(3) != null) {
      preRank =
          switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> 1;
            case "b", "beta" -> 2;
            default -> 3; // c, pre, preview, rc
          };
      preNumber = m.group(4) == null ? BigInteger.ZERO : new BigInteger(m.group(4));
    } else if (post == null && dev != null) {
      preRank = 0;
    } else {
      preRank = 4;
    }
    List<String> local = null;
    if (m.group(10) != null) {
      local = List.of(m.group(10).toLowerCase(Locale.ROOT).split("[-_.]"));
    }
    return new Pep440Version(epoch, List.copyOf(release), preRank, preNumber, post, dev, local);
  }

  @Override
  public int compareTo(Pep440Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    int n = Math.max(release.size(), o.release.size());
    for (int i = 0; i < n; i++) {
      BigInteger a = i < release.size() ? release.get(i) : BigInteger.ZERO;
      BigInteger b = i < o.release.size() ? o.release.get(i) : BigInteger.ZERO;
      c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    c = Integer.compare(preRank, o.preRank);
    if (c != 0) {
      return c;
    }
    if (preRank >= 1 && preRank <= 3) {
      c = preNumber.compareTo(o.preNumber);
      if (c != 0) {
        return c;
      }
    }
    c = compareNullFirst(post, o.post);
    if (c != 0) {
      return c;
    }
    c = compareNullLast(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  private static int compareNullFirst(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  private static int compareNullLast(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  private static int compareLocal(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xn != yn) {
        c = xn ? 1 : -1; // a number sorts after any alphanumeric segment
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pep440Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return epoch.hashCode() * 31 + release.hashCode();
  }
}
