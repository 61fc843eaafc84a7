// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

/**
 * The rules that make a prefix visible, after IODA's BGP signal (CAIDA bgpview's visibility
 * consumers, {@code bvc_visibility.c} and {@code bvc_perasvisibility.c}):
 *
 * <ul>
 *   <li>a peer is <b>full-feed</b> when it has at least {@code ipv4FullFeed} IPv4 prefixes
 *       (bgpview: {@code IPV4_FULLFEED_SIZE} 400 000) or, for IPv6, {@code ipv6FullFeed} (10 000);
 *   <li>a prefix is <b>visible</b> when the full-feed peer ASes that see it are more than {@code
 *       fraction} (0.5) of all full-feed peer ASes ({@code min_50%_ff_peer_asns}; with {@code
 *       inclusive} the share may equal it, as bgpview's code compares {@code >=}, where IODA's help
 *       page says "more than");
 *   <li>and it passes bgpview's routed rule: a mask of at least {@code minMaskLength} ({@code
 *       ROUTED_PFX_MIN_MASK_LEN} 6) and seen by at least {@code minPeers} peers of any kind ({@code
 *       ROUTED_PFX_MIN_PEERCNT} 10).
 * </ul>
 *
 * <p>Small collections (one collector, the shared samples) need lower full-feed thresholds:
 *
 * <pre>{@code
 * VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10).withMinPeers(1);
 * }</pre>
 *
 * @param ipv4FullFeed IPv4 prefixes a peer needs to count as full-feed
 * @param ipv6FullFeed IPv6 prefixes a peer needs to count as full-feed
 * @param fraction share of full-feed peer ASes that must see a prefix
 * @param inclusive whether a share equal to {@code fraction} is enough
 * @param minMaskLength shortest mask counted (shorter prefixes are never visible)
 * @param minPeers peers (full-feed or not) that must see a prefix
 */
public record VisibilityConfig(
    int ipv4FullFeed,
    int ipv6FullFeed,
    double fraction,
    boolean inclusive,
    int minMaskLength,
    int minPeers) {

  public VisibilityConfig {
    if (ipv4FullFeed < 1 || ipv6FullFeed < 1) {
      throw new IllegalArgumentException("full-feed thresholds must be at least 1 prefix");
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, got " + fraction);
    }
    if (minMaskLength < 0 || minMaskLength > 32) {
      throw new IllegalArgumentException("minMaskLength must be 0 to 32");
    }
    if (minPeers < 0) {
      throw new IllegalArgumentException("minPeers must not be negative");
    }
  }

  /** IODA's published series: 400k/10k full feed, more than 50 %, mask ≥ /6, ≥ 10 peers. */
  public static VisibilityConfig ioda() {
    return new VisibilityConfig(400_000, 10_000, 0.5, false, 6, 10);
  }

  public VisibilityConfig withFullFeed(int ipv4, int ipv6) {
    return new VisibilityConfig(ipv4, ipv6, fraction, inclusive, minMaskLength, minPeers);
  }

  public VisibilityConfig withFraction(double f, boolean isInclusive) {
    return new VisibilityConfig(
        ipv4FullFeed, ipv6FullFeed, f, isInclusive, minMaskLength, minPeers);
  }

  public VisibilityConfig withMinPeers(int peers) {
    return new VisibilityConfig(
        ipv4FullFeed, ipv6FullFeed, fraction, inclusive, minMaskLength, peers);
  }

  public VisibilityConfig withMinMaskLength(int length) {
    return new VisibilityConfig(ipv4FullFeed, ipv6FullFeed, fraction, inclusive, length, minPeers);
  }

  /** Whether {@code seen} of {@code total} full-feed peer ASes make a prefix visible. */
  public boolean visible(int seen, int total) {
    if (total == 0 || seen == 0) {
      return false;
    }
    double share = (double) seen / total;
    return inclusive ? share >= fraction : share > fraction;
  }

  /** The fewest full-feed peer ASes of {@code total} that make a prefix visible. */
  int minSeen(int total) {
    for (int s = 1; s <= total; s++) {
      if (visible(s, total)) {
        return s;
      }
    }
    return Integer.MAX_VALUE;
  }
}
