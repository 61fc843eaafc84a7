// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.vigil.bgp.message.BgpMessage;

/** The typed reader on the shared real files. */
class MrtReaderTest {
  static List<MrtRecord> readAll(Path p, MrtReader.OnMalformed policy, List<MrtReader.Stats> stats)
      throws IOException {
    List<MrtRecord> out = new ArrayList<>();
    try (MrtReader r = MrtReader.open(p, policy)) {
      r.read(out::add);
      stats.add(r.stats());
    }
    return out;
  }

  @Test
  void readsUpdatesFileIntoMessagesAndStateChanges() throws IOException {
    List<MrtReader.Stats> stats = new ArrayList<>();
    List<MrtRecord> records =
        readAll(
            TestData.file("mrt-bgpdump/updates.20160811.1600.gz"),
            MrtReader.OnMalformed.FAIL,
            stats);
    assertThat(records).hasSize(17406);
    long updates =
        records.stream()
            .filter(r -> r instanceof MrtRecord.Bgp4mpMessage)
            .filter(r -> ((MrtRecord.Bgp4mpMessage) r).message() instanceof BgpMessage.Update)
            .count();
    assertThat(updates).isGreaterThan(17000);
    assertThat(stats.get(0).unknownRecords()).isZero();
    assertThat(stats.get(0).malformed()).isZero();
  }

  @Test
  void readsRibRecordsOver64KiB() throws IOException {
    List<MrtReader.Stats> stats = new ArrayList<>();
    List<MrtRecord> records =
        readAll(
            TestData.file("mrt-bgpdump/bview.64k_stream_overflow.gz"),
            MrtReader.OnMalformed.FAIL,
            stats);
    assertThat(records).hasSize(2);
    MrtRecord.Rib rib = (MrtRecord.Rib) records.get(1);
    assertThat(rib.entries()).isNotEmpty();
  }

  @Test
  void skipsAndCountsRibEntriesWithoutPeerTable() throws IOException {
    List<MrtReader.Stats> stats = new ArrayList<>();
    List<MrtRecord> records =
        readAll(
            TestData.file("mrt-routeviews-rib-pyasn/bview.20140112.1600_3samples.bz2"),
            MrtReader.OnMalformed.FAIL,
            stats);
    assertThat(records).isEmpty();
    assertThat(stats.get(0).records()).isEqualTo(3);
    assertThat(stats.get(0).skipped()).containsEntry("RIB record before any PEER_INDEX_TABLE", 3L);
  }

  @Test
  void countsUnknownAttributes() throws IOException {
    List<MrtReader.Stats> stats = new ArrayList<>();
    readAll(TestData.file("mrt-mrtparse/quagga_bgp"), MrtReader.OnMalformed.FAIL, stats);
    assertThat(stats.get(0).unknownAttributes()).isEqualTo(2);
  }

  @Test
  void rejectsTruncatedNlriWithOffsetOrSkipsIt() throws IOException {
    Path p = TestData.file("mrt-bgpdump/updates.nlri_mask_trailing_bits.gz");
    assertThatThrownBy(() -> readAll(p, MrtReader.OnMalformed.FAIL, new ArrayList<>()))
        .isInstanceOf(MrtFormatException.class)
        .hasMessageContaining("byte 87: prefix /11 needs 2 bytes, 0 remain")
        .satisfies(e -> assertThat(((MrtFormatException) e).recordOffset()).isZero());
    List<MrtReader.Stats> stats = new ArrayList<>();
    assertThat(readAll(p, MrtReader.OnMalformed.SKIP, stats)).isEmpty();
    assertThat(stats.get(0).malformed()).isEqualTo(1);
  }

  @Test
  void truncatedBzip2YieldsEveryCompleteRecordThenTheTypedException() throws IOException {
    Path cut = TestData.file("mrt-routeviews-rib-pyasn/rib.20140523.0600_firstMB.bz2");
    Path complete =
        TestData.file(
            "mrt-routeviews-rib-pyasn/derived/rib.20140523.0600_firstMB.complete-records.bz2");
    List<MrtRecord> got = new ArrayList<>();
    try (MrtReader r = MrtReader.open(cut)) {
      assertThatThrownBy(() -> r.read(got::add))
          .isInstanceOf(MrtFormatException.class)
          .hasMessageContaining("truncated or corrupt");
    }
    List<MrtRecord> expected = readAll(complete, MrtReader.OnMalformed.FAIL, new ArrayList<>());
    assertThat(got).hasSameSizeAs(expected);
    assertThat(got.get(got.size() - 1)).isEqualTo(expected.get(expected.size() - 1));
  }

  @Test
  void readsTheSameRecordsWhateverTheCompression() throws IOException {
    byte[] plain = TestData.decompressed(TestData.file("mrt-mrtparse/openbgpd_bgp"));
    List<MrtRecord> expected = read(plain);
    assertThat(read(compress(plain, GZIPOutputStream::new))).isEqualTo(expected);
    assertThat(read(compress(plain, BZip2CompressorOutputStream::new))).isEqualTo(expected);
    assertThat(read(compress(plain, o -> new XZOutputStream(o, new LZMA2Options()))))
        .isEqualTo(expected);
    assertThat(expected).hasSize(87);
  }

  interface Compressor {
    OutputStream wrap(OutputStream o) throws IOException;
  }

  static byte[] compress(byte[] data, Compressor c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream o = c.wrap(bytes)) {
      o.write(data);
    }
    return bytes.toByteArray();
  }

  static List<MrtRecord> read(byte[] data) throws IOException {
    List<MrtRecord> out = new ArrayList<>();
    try (MrtReader r =
        MrtReader.of(new ByteArrayInputStream(data), "mem", MrtReader.OnMalformed.FAIL)) {
      r.read(out::add);
    }
    return out;
  }

  @Test
  void detectsCompressionByMagicBytes() {
    assertThat(Compression.detect(new byte[] {0x1f, (byte) 0x8b}, 2)).isEqualTo(Compression.GZIP);
    assertThat(Compression.detect("BZh9".getBytes(StandardCharsets.US_ASCII), 4))
        .isEqualTo(Compression.BZIP2);
    assertThat(Compression.detect(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, 6))
        .isEqualTo(Compression.XZ);
    assertThat(Compression.detect(new byte[] {0x53, 0x0d, 0x00, 0x0d}, 4))
        .isEqualTo(Compression.PLAIN);
    assertThat(Compression.detect(new byte[] {0x1f}, 1)).isEqualTo(Compression.PLAIN);
  }

  @Test
  void dumpPrintsCompleteRecordsThenReportsTruncationAndMissingFiles() {
    Path cut = TestData.file("mrt-routeviews-rib-pyasn/rib6.20151101.0600_firstMB.bz2");
    Path ok = TestData.file("mrt-bgpdump/updates.nlri_mask_trailing_bits.gz");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        MrtDump.dump(
            List.of(cut, Path.of("no/such/file.mrt"), ok),
            MrtDump.Mode.ONE_LINE_UNIX_TIME,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(1);
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(stdout.split("\n")).hasSize(149578 + 1);
    assertThat(stdout).endsWith("|7018 3549 12389 48275 51044|IGP|12.0.1.63|0|0|6923:3339|NAG||\n");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(cut + ": byte ")
        .contains("truncated or corrupt")
        .contains("no/such/file.mrt: no such file");
  }

  @Test
  void dumpReportsSkippedRecordsAndExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        MrtDump.dump(
            List.of(TestData.file("mrt-routeviews-rib-pyasn/bview.20140112.1600_3samples.bz2")),
            MrtDump.Mode.ONE_LINE_UNIX_TIME,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("skipped 3 records")
        .contains("no peer index table");
  }

  @Test
  void modesMapToBgpdumpFlags() {
    assertThat(MrtDump.Mode.ofFlag("-m")).isEqualTo(MrtDump.Mode.ONE_LINE_UNIX_TIME);
    assertThat(MrtDump.Mode.ofFlag("-M")).isEqualTo(MrtDump.Mode.ONE_LINE_HUMAN_TIME);
    assertThat(MrtDump.Mode.ofFlag(null)).isEqualTo(MrtDump.Mode.MULTI_LINE);
    assertThatThrownBy(() -> MrtDump.Mode.ofFlag("-x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
