// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.bgp.message.BgpMessage;
import org.vigil.bgp.message.MpReach;
import org.vigil.bgp.message.MpUnreach;
import org.vigil.bgp.message.Nlri;
import org.vigil.bgp.message.PathAttributes;

/** The allocation-free route reader tells the same story as the typed reader. */
class MrtRouteReaderTest {
  static Stream<Path> files() throws IOException {
    return TestData.mrtFiles().stream();
  }

  /** Route events from the typed records. */
  static List<String> fromTypedReader(Path file, List<Throwable> failure) throws IOException {
    List<String> out = new ArrayList<>();
    try (MrtReader r = MrtReader.open(file)) {
      r.read(rec -> typedEvents(rec, out));
    } catch (MrtFormatException e) {
      failure.add(e);
    }
    return out;
  }

  static void typedEvents(MrtRecord rec, List<String> out) {
    if (rec instanceof MrtRecord.Rib rib) {
      if (rib.prefix() == null) {
        return; // RIB_GENERIC of a non-IP family (openbgpd's VPN tables): not routes
      }
      for (MrtRecord.RibEntry e : rib.entries()) {
        out.add(event("R", e.peer().asn(), rib.prefix().toString(), e.pathId(), e.attributes()));
      }
    } else if (rec instanceof MrtRecord.TableDump t) {
      out.add(event("R", t.peerAs(), t.prefix().toString(), -1, t.attributes()));
    } else if (rec instanceof MrtRecord.Bgp4mpMessage m
        && m.message() instanceof BgpMessage.Update u) {
      PathAttributes a = u.attributes();
      for (Nlri n : u.withdrawn()) {
        out.add(event("W", m.peerAs(), n.prefix().toString(), n.pathId(), null));
      }
      MpUnreach un = a.mpUnreach();
      if (un != null) {
        for (Nlri n : un.nlri()) {
          out.add(event("W", m.peerAs(), n.prefix().toString(), n.pathId(), null));
        }
      }
      for (Nlri n : u.announced()) {
        out.add(event("A", m.peerAs(), n.prefix().toString(), n.pathId(), a));
      }
      MpReach reach = a.mpReach();
      if (reach != null) {
        for (Nlri n : reach.nlri()) {
          out.add(event("A", m.peerAs(), n.prefix().toString(), n.pathId(), a));
        }
      }
    }
  }

  static String event(String kind, long peerAs, String prefix, long pathId, PathAttributes a) {
    long origin = a == null ? -1 : a.originAs().orElse(-1);
    return kind + " " + peerAs + " " + prefix + " " + pathId + " " + origin;
  }

  static List<String> fromRouteReader(Path file, List<Throwable> failure) throws IOException {
    List<String> out = new ArrayList<>();
    try (MrtRouteReader r = MrtRouteReader.open(file)) {
      r.read(
          new RouteVisitor() {
            @Override
            public void route(RouteView v) {
              out.add(
                  event(v.isRib() ? "R" : "A", v.peerAs(), v.prefix().toString(), v.pathId(), null)
                      .replaceFirst(" -1$", " " + v.originAs()));
            }

            @Override
            public void withdrawal(RouteView v) {
              out.add(event("W", v.peerAs(), v.prefix().toString(), v.pathId(), null));
            }
          });
    } catch (MrtFormatException e) {
      failure.add(e);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void deliversTheRoutesTheTypedReaderDecodes(Path file) throws IOException {
    List<Throwable> typedFailure = new ArrayList<>();
    List<Throwable> fastFailure = new ArrayList<>();
    List<String> typed = fromTypedReader(file, typedFailure);
    List<String> fast = fromRouteReader(file, fastFailure);
    assertThat(fastFailure.isEmpty()).isEqualTo(typedFailure.isEmpty());
    if (typedFailure.isEmpty()) {
      assertThat(fast).isEqualTo(typed);
    } else {
      // Both stop at the same record; the fast reader may have delivered part of that record.
      assertThat(((MrtFormatException) fastFailure.get(0)).recordOffset())
          .isEqualTo(((MrtFormatException) typedFailure.get(0)).recordOffset());
      assertThat(fast.subList(0, typed.size())).isEqualTo(typed);
    }
  }

  @Test
  void givesPrimitiveFieldsOfRibEntries() throws IOException {
    List<String> seen = new ArrayList<>();
    try (MrtRouteReader r =
        MrtRouteReader.of(
            new ByteArrayInputStream(MrtRecordGoldenTest.PEER_TABLE_AND_RIB),
            "test",
            MrtReader.OnMalformed.FAIL)) {
      r.read(
          v ->
              seen.add(
                  Integer.toHexString(v.prefixIpv4())
                      + "/"
                      + v.prefixLength()
                      + " peer "
                      + v.peerIndex()
                      + " AS"
                      + v.peerAs()
                      + " origin "
                      + v.originAs()
                      + " length "
                      + v.asPathLength()
                      + " med "
                      + v.attributes().med()));
    }
    assertThat(seen)
        .containsExactly(
            "c0000200/24 peer 0 AS64496 origin 4200000000 length 3 med 5",
            "c0000200/24 peer 1 AS4200000000 origin -1 length 2 med -1");
  }

  @Test
  void appliesTheAs4PathMergeToTheOrigin() throws IOException {
    List<Long> origins = new ArrayList<>();
    try (MrtRouteReader r =
        MrtRouteReader.of(
            new ByteArrayInputStream(MrtRecordGoldenTest.UPDATE_WITH_AS4_PATH),
            "test",
            MrtReader.OnMalformed.FAIL)) {
      r.read(v -> origins.add(v.originAs()));
    }
    assertThat(origins).containsExactly(4200000001L);
  }

  @Test
  void skipsAndCountsRibWithoutPeerTable() throws IOException {
    Path p = TestData.file("mrt-routeviews-rib-pyasn/bview.20140112.1600_3samples.bz2");
    try (MrtRouteReader r = MrtRouteReader.open(p)) {
      r.read(
          v -> {
            throw new AssertionError("no routes expected");
          });
      assertThat(r.stats().skipped()).containsEntry("RIB record before any PEER_INDEX_TABLE", 3L);
    }
  }

  @Test
  void rejectsMalformedNlriWithTheOffset() {
    Path p = TestData.file("mrt-bgpdump/updates.nlri_mask_trailing_bits.gz");
    assertThatThrownBy(() -> fromRouteReaderOrThrow(p))
        .isInstanceOf(MrtFormatException.class)
        .hasMessageContaining("byte 87");
  }

  static void fromRouteReaderOrThrow(Path p) throws IOException {
    try (MrtRouteReader r = MrtRouteReader.open(p)) {
      r.read(v -> {});
    }
  }
}
