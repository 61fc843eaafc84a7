// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.vigil.bgp.message.Afi;
import org.vigil.bgp.message.BgpMessage;
import org.vigil.bgp.message.MpReach;
import org.vigil.bgp.message.MpUnreach;
import org.vigil.bgp.message.Nlri;
import org.vigil.bgp.message.PathAttributes;
import org.vigil.bgp.message.Prefix;
import org.vigil.bgp.mrt.MrtFormatException;
import org.vigil.bgp.mrt.MrtReader;
import org.vigil.bgp.mrt.MrtRecord;

/**
 * Feeds {@link NaiveBgpModel} from the typed {@link MrtReader} (records, lists, boxed values): a
 * decoding path independent of the allocation-free one the real aggregator reads with. Files are
 * merged by (time, RIB first, file order), as {@link BgpSignals} merges them.
 */
final class TypedFeed {
  private TypedFeed() {}

  /** One record's effect on the model, with the time and kind the merge orders by. */
  record Event(long time, boolean rib, int file, Consumer<NaiveBgpModel> apply) {}

  static List<Event> events(MrtSource source, int fileOrder) {
    List<Event> out = new ArrayList<>();
    String c = source.collector();
    try (MrtReader r = MrtReader.open(source.file(), MrtReader.OnMalformed.SKIP)) {
      for (MrtRecord rec : r) {
        long t = rec.header().timestamp();
        events(rec, c, t, fileOrder, out);
      }
    } catch (MrtFormatException e) {
      // a cut file: what came before counts
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static void events(MrtRecord rec, String c, long t, int file, List<Event> out) {
    int type = rec.header().type();
    // every record moves time, whatever it carries
    out.add(new Event(t, type == 12 || type == 13, file, m -> {}));
    if (rec instanceof MrtRecord.PeerIndexTable pt) {
      List<String> peers = new ArrayList<>();
      pt.peers().forEach(p -> peers.add(key(c, p.address(), p.asn())));
      out.add(new Event(t, true, file, m -> m.peerTable(peers)));
    } else if (rec instanceof MrtRecord.Rib rib) {
      if (rib.prefix() == null || rib.safi() != 1) {
        return;
      }
      Pfx p = pfx(rib.prefix());
      for (MrtRecord.RibEntry e : rib.entries()) {
        String peer = key(c, e.peer().address(), e.peer().asn());
        long origin = origin(e.attributes());
        long as = e.peer().asn();
        out.add(new Event(t, true, file, m -> m.rib(peer, as, p.p, origin)));
      }
    } else if (rec instanceof MrtRecord.TableDump td) {
      String peer = key(c, td.peerAddress(), td.peerAs());
      long origin = origin(td.attributes());
      Pfx p = pfx(td.prefix());
      out.add(new Event(t, true, file, m -> m.rib(peer, td.peerAs(), p.p, origin)));
    } else if (rec instanceof MrtRecord.Bgp4mpStateChange sc) {
      if (sc.oldState() == 6 && sc.newState() != 6) {
        String peer = key(c, sc.peerAddress(), sc.peerAs());
        out.add(new Event(t, false, file, m -> m.sessionDown(peer)));
      }
    } else if (rec instanceof MrtRecord.Bgp4mpMessage msg
        && !msg.local()
        && msg.message() instanceof BgpMessage.Update u) {
      String peer = key(c, msg.peerAddress(), msg.peerAs());
      long as = msg.peerAs();
      PathAttributes a = u.attributes();
      List<Nlri> withdrawn = new ArrayList<>(u.withdrawn());
      MpUnreach un = a.mpUnreach();
      if (un != null && un.safi() == 1) {
        withdrawn.addAll(un.nlri());
      }
      for (Nlri n : withdrawn) {
        Pfx p = pfx(n.prefix());
        out.add(new Event(t, false, file, m -> m.withdraw(peer, p.p)));
      }
      List<Nlri> announced = new ArrayList<>(u.announced());
      MpReach reach = a.mpReach();
      if (reach != null && reach.safi() == 1) {
        announced.addAll(reach.nlri());
      }
      long origin = origin(a);
      for (Nlri n : announced) {
        Pfx p = pfx(n.prefix());
        out.add(new Event(t, false, file, m -> m.announce(peer, as, p.p, origin)));
      }
    }
  }

  private record Pfx(NaiveBgpModel.Pfx p) {}

  static Pfx pfx(Prefix prefix) {
    ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(prefix.addressBytes(), 16));
    if (prefix.afi() == Afi.IPV4) {
      return new Pfx(NaiveBgpModel.Pfx.ipv4(b.getInt(0) & 0xFFFF_FFFFL, prefix.length()));
    }
    return new Pfx(NaiveBgpModel.Pfx.ipv6(b.getLong(0), b.getLong(8), prefix.length()));
  }

  static long origin(PathAttributes a) {
    return a == null ? -1 : a.originAs().orElse(-1);
  }

  static String key(String collector, InetAddress address, long as) {
    return collector + "|" + address.getHostAddress() + "|" + as;
  }

  /** Merges the files' events like {@link BgpSignals} and plays them into the model. */
  static void play(List<MrtSource> sources, NaiveBgpModel model) {
    List<List<Event>> lists = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      lists.add(events(sources.get(i), i));
    }
    merge(lists, model);
  }

  static void merge(List<List<Event>> lists, NaiveBgpModel model) {
    int[] pos = new int[lists.size()];
    while (true) {
      int best = -1;
      for (int i = 0; i < lists.size(); i++) {
        if (pos[i] >= lists.get(i).size()) {
          continue;
        }
        Event e = lists.get(i).get(pos[i]);
        if (best < 0) {
          best = i;
          continue;
        }
        Event b = lists.get(best).get(pos[best]);
        if (e.time < b.time || e.time == b.time && e.rib && !b.rib) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      Event e = lists.get(best).get(pos[best]++);
      model.time(e.time, !e.rib);
      e.apply.accept(model);
    }
    model.finish();
  }
}
