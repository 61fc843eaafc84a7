// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.bgp.message.Afi;
import org.vigil.bgp.mrt.MrtRecord;
import org.vigil.bgp.mrt.RouteView;
import org.vigil.bgp.mrt.RouteVisitor;
import org.vigil.bgp.route.internal.LongIntHashMap;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/**
 * Turns a time-ordered stream of routes into BGP signals per entity in 5-minute bins: {@value
 * #VISIBLE}, {@value #UPDATES} and {@value #WITHDRAWALS}.
 *
 * <p>Feed it records in time order (several files merged, as {@link BgpSignals} does): call {@link
 * #advanceTo(long)} with each record's timestamp, then give the record's routes to the {@link
 * #visitor(String) visitor} of its file, and {@link #finish()} at the end. Finished bins go to a
 * sink in chunks. Memory is the route table plus one chunk of values per entity; it does not grow
 * with the number of records or the length of the period.
 *
 * <ul>
 *   <li>{@value #VISIBLE}: the bin {@code [t, t+300)} holds the visibility ({@link
 *       VisibilityAggregator}) of the table after every record before {@code t+300}. Bins before
 *       the first RIB dump, and bins without any full-feed peer, are gaps ({@code NaN}); an entity
 *       without visible /24s in a bin where others have some is 0.
 *   <li>{@value #UPDATES} and {@value #WITHDRAWALS}: announcements and withdrawals in UPDATE
 *       messages (not RIB entries) in the bin, one per prefix (NLRI), attributed to the origin AS
 *       of the announced path (of the route withdrawn, for a withdrawal: the peer's previous route,
 *       else the last origin anyone announced) and to every country and region the prefix reaches.
 *       Present for the bins between the first and the last UPDATE record; absent when only RIB
 *       dumps were read.
 * </ul>
 *
 * <p>Route state: a TABLE_DUMP_V2 peer table replaces the tables of the peers it lists (a RIB dump
 * is the whole table at its time); a BGP4MP state change out of Established drops the peer's
 * routes; UPDATEs the collector sent itself ({@code _LOCAL}) and multicast routes (SAFI 2) are
 * passed over and counted: visibility is about unicast reachability.
 */
public final class BgpSignalAggregator {
  /** Bin width in seconds (IODA's BGP step). */
  public static final int STEP = 300;

  /** Bins in a day, the default chunk. */
  public static final int STEP_BINS_PER_DAY = 86_400 / STEP;

  public static final String VISIBLE = "bgp.visible_slash24";
  public static final String UPDATES = "bgp.updates";
  public static final String WITHDRAWALS = "bgp.withdrawals";

  /** Counts of what went through, for reports and tests. */
  public record Stats(
      long ribEntries,
      long announcements,
      long withdrawals,
      long withdrawalsWithoutRoute,
      long localUpdatesSkipped,
      long multicastRoutesSkipped,
      long sessionsDown,
      long peerTablesReplaced,
      long routesCleared,
      long lateRecords,
      int peers,
      long bins,
      Visibility lastVisibility) {}

  private static final int VIS = 0;
  private static final int UPD = 1;
  private static final int WDR = 2;

  /** One entity's values, one growable array per signal, indexed by bin. */
  private static final class EntitySeries {
    final Entity entity;
    final double[][] values = new double[3][];
    final boolean[] ever = new boolean[3];

    EntitySeries(Entity entity) {
      this.entity = entity;
    }

    void add(int signal, int bin, double v) {
      ever[signal] = true;
      if (signal != VIS) { // announcements and withdrawals go together: one without the other is 0
        ever[UPD] = true;
        ever[WDR] = true;
      }
      double[] a = values[signal];
      if (a == null || bin >= a.length) {
        a =
            a == null
                ? new double[Math.max(16, bin + 1)]
                : Arrays.copyOf(a, Math.max(bin + 1, a.length * 2));
        values[signal] = a;
      }
      a[bin] += v;
    }
  }

  private final RouteTable table = new RouteTable();
  private final VisibilityConfig config;
  private final IpEntityResolver geo;
  private final VisibilityAggregator visibility;

  private final LongIntHashMap asSeries = new LongIntHashMap(1 << 12);
  private final List<EntitySeries> asList = new ArrayList<>();
  private final EntitySeries[] countrySeries;
  private final EntitySeries[] regionSeries;
  private final int[] countryStamp;
  private final int[] regionStamp;
  private int eventStamp;
  private int eventSignal;
  private final GeoTable.SegmentVisitor updateGeoVisitor = this::updateGeoSegment;

  private final int chunkBins;
  private final Consumer<Map<SignalKey, TimeSeries>> sink;
  private long chunkStart = Long.MIN_VALUE; // first bin of the chunk being built
  private long binStart = Long.MIN_VALUE;
  private int binIndex; // of binStart, within the chunk
  private boolean[] visValid = new boolean[64];
  private boolean[] updValid = new boolean[64];
  private boolean ribSeen;
  private Visibility last;
  private long lastChanges = -1;
  private long bins;

  private long ribEntries;
  private long announcements;
  private long withdrawals;
  private long withdrawalsWithoutRoute;
  private long localSkipped;
  private long multicastSkipped;
  private long sessionsDown;
  private long peerTablesReplaced;
  private long routesCleared;
  private long lateRecords;

  /**
   * @param config the visibility rules
   * @param geo countries and regions of addresses, or null for per-AS signals only
   * @param chunkBins how many bins to hold before handing them to {@code sink} (288: a day); memory
   *     is entities × chunkBins
   * @param sink receives the series of each finished chunk of bins, in time order; an entity's
   *     series start in the chunk where it first has a value, and continue in every later chunk
   *     (zeros where nothing happened), so a drop to zero is a value and not a gap
   */
  public BgpSignalAggregator(
      VisibilityConfig config,
      IpEntityResolver geo,
      int chunkBins,
      Consumer<Map<SignalKey, TimeSeries>> sink) {
    if (chunkBins < 1) {
      throw new IllegalArgumentException("chunkBins must be at least 1");
    }
    this.config = config;
    this.geo = geo;
    this.chunkBins = chunkBins;
    this.sink = sink;
    this.visibility = new VisibilityAggregator(table, config, geo);
    int nc = geo == null ? 0 : geo.countries().size();
    int nr = geo == null ? 0 : geo.regions().size();
    countrySeries = new EntitySeries[nc];
    regionSeries = new EntitySeries[nr];
    countryStamp = new int[nc];
    regionStamp = new int[nr];
  }

  /** The route state (read it between records, never during a visitor call). */
  public RouteTable table() {
    return table;
  }

  /**
   * Moves time forward to a record's timestamp, closing the bins before it; {@code updateRecord}
   * says it comes from an UPDATE file (BGP4MP), which makes its bin one where update counts are
   * known (zero if nothing was announced). Records older than the current bin still change the
   * route table, but count in the current bin (and in {@link Stats#lateRecords()}). Bins without
   * records carry the last visibility forward for up to {@value #MAX_CARRY_BINS} bins (two hours:
   * RouteViews' RIB interval); after a longer silence the data is missing, and the signals resume
   * at the next record.
   */
  public void advanceTo(long timestamp, boolean updateRecord) {
    advance(timestamp);
    if (updateRecord) {
      if (binIndex >= updValid.length) {
        updValid = Arrays.copyOf(updValid, Math.max(binIndex + 1, updValid.length * 2));
      }
      updValid[binIndex] = true;
    }
  }

  private void advance(long timestamp) {
    long b = Math.floorDiv(timestamp, STEP) * STEP;
    if (binStart == Long.MIN_VALUE) {
      startChunk(b);
      return;
    }
    if (b < binStart) {
      lateRecords++;
      return;
    }
    if (b == binStart) {
      return;
    }
    closeBin();
    long empty = (b - binStart) / STEP - 1;
    if (empty > MAX_CARRY_BINS) {
      flush();
      startChunk(b);
      return;
    }
    for (long t = binStart + STEP; t < b; t += STEP) {
      nextBin(t);
      record(last);
    }
    nextBin(b);
  }

  /** Bins without records over which the last visibility still stands. */
  public static final int MAX_CARRY_BINS = 24;

  private void startChunk(long b) {
    chunkStart = b;
    binStart = b;
    binIndex = 0;
    bins++;
  }

  private void nextBin(long t) {
    if (binIndex + 1 >= chunkBins) {
      flush();
      startChunk(t);
    } else {
      binStart = t;
      binIndex++;
      bins++;
    }
  }

  private void closeBin() {
    if (ribSeen && (last == null || table.changes != lastChanges)) {
      last = visibility.compute();
      lastChanges = table.changes;
    }
    record(last);
  }

  private void record(Visibility v) {
    if (binIndex >= visValid.length) {
      visValid = Arrays.copyOf(visValid, Math.max(binIndex + 1, visValid.length * 2));
    }
    if (v == null || !v.defined()) {
      return;
    }
    visValid[binIndex] = true;
    for (int i = 0; i < v.asCount(); i++) {
      asEntity(v.asn(i)).add(VIS, binIndex, v.asSlash24(i));
    }
    for (int c = 0; c < countrySeries.length; c++) {
      long n = v.countrySlash24(c);
      if (n > 0) {
        country(c).add(VIS, binIndex, n);
      }
    }
    for (int r = 0; r < regionSeries.length; r++) {
      long n = v.regionSlash24(r);
      if (n > 0) {
        region(r).add(VIS, binIndex, n);
      }
    }
  }

  private EntitySeries asEntity(long asn) {
    int i = asSeries.get(asn, -1);
    if (i < 0) {
      i = asList.size();
      asList.add(new EntitySeries(IpEntityResolver.asn(asn)));
      asSeries.put(asn, i, -1);
    }
    return asList.get(i);
  }

  private EntitySeries country(int c) {
    EntitySeries s = countrySeries[c];
    if (s == null) {
      s = new EntitySeries(geo.countries().get(c));
      countrySeries[c] = s;
    }
    return s;
  }

  private EntitySeries region(int r) {
    EntitySeries s = regionSeries[r];
    if (s == null) {
      s = new EntitySeries(geo.regions().get(r));
      regionSeries[r] = s;
    }
    return s;
  }

  /**
   * A visitor for the records of one file. Each file needs its own: RIB entries refer to the peer
   * table of their file.
   *
   * @param collector the collector the file comes from ("" if unknown); peers are keyed by
   *     collector, address and AS
   */
  public RouteVisitor visitor(String collector) {
    return new FileVisitor(table.collector(collector));
  }

  private final class FileVisitor implements RouteVisitor {
    private final int collectorId;
    private int[] ribPeers = new int[0];
    private final byte[] address = new byte[16];
    // one-peer cache: consecutive events usually come from the same UPDATE
    private long cachedAs = -1;
    private boolean cachedV6;
    private long cachedHigh;
    private long cachedLow;
    private int cachedPeer = -1;

    FileVisitor(int collectorId) {
      this.collectorId = collectorId;
    }

    private void skipped(RouteView r) {
      if (r.isLocal()) {
        localSkipped++;
      } else {
        multicastSkipped++;
      }
    }

    private int peerOf(RouteView r) {
      if (r.isRib() && r.peerIndex() >= 0) {
        return ribPeers[r.peerIndex()];
      }
      boolean v6 = r.peerIsIpv6();
      long hi;
      long lo;
      if (v6) {
        r.peerAddress(address);
        hi = readLong(address, 0);
        lo = readLong(address, 8);
      } else {
        hi = 0;
        lo = r.peerIpv4() & 0xFFFF_FFFFL;
      }
      long as = r.peerAs();
      if (cachedPeer >= 0
          && as == cachedAs
          && v6 == cachedV6
          && hi == cachedHigh
          && lo == cachedLow) {
        return cachedPeer;
      }
      cachedPeer = table.peer(collectorId, v6, hi, lo, as);
      cachedAs = as;
      cachedV6 = v6;
      cachedHigh = hi;
      cachedLow = lo;
      return cachedPeer;
    }

    @Override
    public void route(RouteView r) {
      if (r.isLocal() || r.safi() != 1) {
        skipped(r);
        return;
      }
      int peer = peerOf(r);
      long origin = r.originAs();
      if (r.afi() == Afi.IPV4) {
        table.announceIpv4(peer, r.prefixIpv4(), r.prefixLength(), r.pathId(), origin);
      } else {
        table.announceIpv6(
            peer, r.prefixIpv6High(), r.prefixIpv6Low(), r.prefixLength(), r.pathId(), origin);
      }
      if (r.isRib()) {
        ribEntries++;
        ribSeen = true;
      } else {
        announcements++;
        countUpdate(UPD, r, origin);
      }
    }

    @Override
    public void withdrawal(RouteView r) {
      if (r.isLocal() || r.safi() != 1) {
        skipped(r);
        return;
      }
      int peer = peerOf(r);
      long origin;
      if (r.afi() == Afi.IPV4) {
        origin = table.withdrawIpv4(peer, r.prefixIpv4(), r.prefixLength(), r.pathId());
        if (origin == RouteTable.ABSENT) {
          withdrawalsWithoutRoute++;
          origin = table.lastOriginIpv4(r.prefixIpv4(), r.prefixLength());
        }
      } else {
        origin =
            table.withdrawIpv6(
                peer, r.prefixIpv6High(), r.prefixIpv6Low(), r.prefixLength(), r.pathId());
        if (origin == RouteTable.ABSENT) {
          withdrawalsWithoutRoute++;
          origin = table.lastOriginIpv6(r.prefixIpv6High(), r.prefixIpv6Low(), r.prefixLength());
        }
      }
      withdrawals++;
      countUpdate(WDR, r, origin);
    }

    @Override
    public void peerTable(MrtRecord.PeerIndexTable t) {
      ribPeers = new int[t.peers().size()];
      for (int i = 0; i < ribPeers.length; i++) {
        MrtRecord.Peer p = t.peers().get(i);
        byte[] a = p.address().getAddress();
        boolean v6 = a.length == 16;
        long hi = v6 ? readLong(a, 0) : 0;
        long lo = v6 ? readLong(a, 8) : readInt(a, 0) & 0xFFFF_FFFFL;
        int peer = table.peer(collectorId, v6, hi, lo, p.asn());
        ribPeers[i] = peer;
        // a RIB dump is the peer's whole table at its time: what it does not list is gone
        routesCleared += table.clearPeer(peer);
        peerTablesReplaced++;
      }
    }

    @Override
    public void stateChange(MrtRecord.Bgp4mpStateChange c) {
      // RFC 4271 §8.2.2: 6 is Established; leaving it withdraws everything the peer announced
      if (c.oldState() == 6 && c.newState() != 6) {
        byte[] a = c.peerAddress().getAddress();
        boolean v6 = a.length == 16;
        long hi = v6 ? readLong(a, 0) : 0;
        long lo = v6 ? readLong(a, 8) : readInt(a, 0) & 0xFFFF_FFFFL;
        int peer = table.peer(collectorId, v6, hi, lo, c.peerAs());
        routesCleared += table.clearPeer(peer);
        sessionsDown++;
      }
    }
  }

  private void countUpdate(int signal, RouteView r, long origin) {
    if (binStart == Long.MIN_VALUE) {
      return;
    }
    if (origin >= 0) {
      asEntity(origin).add(signal, binIndex, 1);
    }
    if (geo == null) {
      return;
    }
    eventStamp++;
    eventSignal = signal;
    int len = r.prefixLength();
    if (r.afi() == Afi.IPV4) {
      if (len < config.minMaskLength()) {
        return;
      }
      long first = (r.prefixIpv4() & (len == 0 ? 0 : -1 << (32 - len))) & 0xFFFF_FFFFL;
      geo.table().forEachIpv4(first, first + (1L << (32 - len)) - 1, updateGeoVisitor);
    } else {
      if (len < 16) {
        return; // a default or bogus route reaches everywhere: no location
      }
      long mask = len >= 64 ? -1L : -1L << (64 - len);
      long hi = r.prefixIpv6High() & mask;
      geo.table().forEachIpv6(hi, hi | ~mask, updateGeoVisitor);
    }
  }

  private void updateGeoSegment(long first, long last, int record) {
    int c = geo.countryIndex(record);
    if (c >= 0 && countryStamp[c] != eventStamp) {
      countryStamp[c] = eventStamp;
      country(c).add(eventSignal, binIndex, 1);
    }
    int g = geo.regionIndex(record);
    if (g >= 0 && regionStamp[g] != eventStamp) {
      regionStamp[g] = eventStamp;
      region(g).add(eventSignal, binIndex, 1);
    }
  }

  /** Closes the last bin and hands the last chunk to the sink. Call once, at the end. */
  public void finish() {
    if (binStart == Long.MIN_VALUE) {
      return;
    }
    closeBin();
    flush();
    binStart = Long.MIN_VALUE;
  }

  /** Hands the bins of the current chunk, up to and including the current bin, to the sink. */
  private void flush() {
    int n = binIndex + 1;
    Map<SignalKey, TimeSeries> out = new LinkedHashMap<>();
    List<EntitySeries> all = new ArrayList<>(asList);
    for (EntitySeries s : countrySeries) {
      if (s != null) {
        all.add(s);
      }
    }
    for (EntitySeries s : regionSeries) {
      if (s != null) {
        all.add(s);
      }
    }
    boolean anyVis = false;
    boolean anyUpd = false;
    for (int b = 0; b < n; b++) {
      anyVis |= b < visValid.length && visValid[b];
      anyUpd |= b < updValid.length && updValid[b];
    }
    String[] names = {VISIBLE, UPDATES, WITHDRAWALS};
    for (EntitySeries s : all) {
      for (int sig = 0; sig < 3; sig++) {
        boolean anyValid = sig == VIS ? anyVis : anyUpd;
        double[] a = s.values[sig];
        if (!s.ever[sig] || !anyValid) {
          continue;
        }
        double[] v = new double[n];
        for (int b = 0; b < n; b++) {
          boolean valid =
              sig == VIS ? b < visValid.length && visValid[b] : b < updValid.length && updValid[b];
          v[b] = !valid ? Double.NaN : a != null && b < a.length ? a[b] : 0;
        }
        out.put(new SignalKey(s.entity, names[sig]), TimeSeries.of(chunkStart, STEP, v));
        s.values[sig] = null;
      }
    }
    Arrays.fill(visValid, false);
    Arrays.fill(updValid, false);
    if (!out.isEmpty()) {
      sink.accept(out);
    }
  }

  public Stats stats() {
    return new Stats(
        ribEntries,
        announcements,
        withdrawals,
        withdrawalsWithoutRoute,
        localSkipped,
        multicastSkipped,
        sessionsDown,
        peerTablesReplaced,
        routesCleared,
        lateRecords,
        table.peerCount(),
        bins,
        last);
  }

  private static long readLong(byte[] a, int i) {
    return ((long) readInt(a, i) << 32) | (readInt(a, i + 4) & 0xFFFF_FFFFL);
  }

  private static int readInt(byte[] a, int i) {
    return ((a[i] & 0xFF) << 24)
        | ((a[i + 1] & 0xFF) << 16)
        | ((a[i + 2] & 0xFF) << 8)
        | (a[i + 3] & 0xFF);
  }
}
