// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never escapes as anything but {@link MrtFormatException}, never hangs, and costs no
 * more memory than the bytes that arrived: random bytes, random MRT-looking headers, and every real
 * file cut at random places or with random bytes changed. Seeded, so failures reproduce.
 */
@Timeout(300)
class MrtPropertyTest {
  private static final int CASES = 200;

  private static final ConcurrentHashMap<Path, byte[]> DECOMPRESSED = new ConcurrentHashMap<>();

  static byte[] decompressed(Path p) {
    return DECOMPRESSED.computeIfAbsent(
        p,
        k -> {
          try {
            return TestData.decompressed(k);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Small real files (whole), for cutting and corrupting; the big RIB excerpts are sampled. */
  static Stream<Path> realFiles() throws IOException {
    return TestData.mrtFiles().stream();
  }

  /** Reads everything with the typed reader; returns normally or throws MrtFormatException. */
  static void readAll(byte[] data, MrtReader.OnMalformed policy) throws IOException {
    try {
      routes(data, policy);
    } catch (MrtFormatException e) {
      // checked below: the typed reader must fail too, or (with SKIP) count a malformed record
    }
    long previous = -1;
    try (MrtReader r = MrtReader.of(new ByteArrayInputStream(data), "fuzz", policy)) {
      for (MrtRecord rec = r.read(); rec != null; rec = r.read()) {
        assertThat(rec.header().offset()).isGreaterThan(previous);
        previous = rec.header().offset();
      }
    }
  }

  /** Reads the routes with the allocation-free reader. */
  static long routes(byte[] data, MrtReader.OnMalformed policy) throws IOException {
    long[] n = {0};
    try (MrtRouteReader r = MrtRouteReader.of(new ByteArrayInputStream(data), "fuzz", policy)) {
      r.read(
          new RouteVisitor() {
            @Override
            public void route(RouteView v) {
              n[0] += v.prefixLength() + v.originAs();
            }

            @Override
            public void withdrawal(RouteView v) {
              n[0]++;
            }
          });
    }
    return n[0];
  }

  /** Dumps everything; returns the output, or throws MrtFormatException. */
  static byte[] dumpAll(byte[] data, MrtDump.Mode mode, ByteArrayOutputStream out)
      throws IOException {
    MrtDump.dump(new ByteArrayInputStream(data), "fuzz", mode, out);
    return out.toByteArray();
  }

  static void onlyTypedFailure(ThrowingRunnable r) {
    try {
      r.run();
    } catch (MrtFormatException expected) {
      assertThat(expected.offset()).isGreaterThanOrEqualTo(expected.recordOffset());
      assertThat(expected.getMessage()).startsWith("fuzz: byte ");
    } catch (Throwable t) {
      fail("unexpected " + t, t);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void randomBytesRaiseOnlyTheTypedException() {
    SplittableRandom rnd = new SplittableRandom(6396);
    for (int i = 0; i < CASES; i++) {
      byte[] data = new byte[rnd.nextInt(0, 4096)];
      rnd.nextBytes(data);
      for (MrtReader.OnMalformed p : MrtReader.OnMalformed.values()) {
        onlyTypedFailure(() -> readAll(data, p));
      }
      for (MrtDump.Mode m : MrtDump.Mode.values()) {
        onlyTypedFailure(() -> dumpAll(data, m, new ByteArrayOutputStream()));
      }
    }
  }

  /** Random records with plausible headers, so decoding (not only framing) gets exercised. */
  @Test
  void randomRecordsOfKnownTypesRaiseOnlyTheTypedException() {
    SplittableRandom rnd = new SplittableRandom(4271);
    int[][] types = {
      {12, 1}, {12, 2}, {13, 1}, {13, 2}, {13, 4}, {13, 6}, {13, 8}, {16, 1}, {16, 4}, {16, 0},
      {16, 5}, {16, 6}, {16, 9}, {17, 4}, {5, 1}
    };
    for (int i = 0; i < CASES * 5; i++) {
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      int records = rnd.nextInt(1, 6);
      for (int k = 0; k < records; k++) {
        int[] t = types[rnd.nextInt(types.length)];
        byte[] body = new byte[rnd.nextInt(0, 300)];
        rnd.nextBytes(body);
        if (t[0] >= 16 && body.length > 40 && rnd.nextBoolean()) {
          Arrays.fill(body, 12, 28, (byte) 0xFF); // a valid marker after an IPv4 header, often
          body[10] = 0;
          body[11] = 1;
        }
        b.putInt(rnd.nextInt()).putShort((short) t[0]).putShort((short) t[1]).putInt(body.length);
        b.put(body);
      }
      byte[] data = Arrays.copyOf(b.array(), b.position());
      for (MrtReader.OnMalformed p : MrtReader.OnMalformed.values()) {
        onlyTypedFailure(() -> readAll(data, p));
      }
      for (MrtDump.Mode m : MrtDump.Mode.values()) {
        onlyTypedFailure(() -> dumpAll(data, m, new ByteArrayOutputStream()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realFiles")
  void realFilesCutAnywhereDumpAPrefixAndReportTheCut(Path file) throws IOException {
    byte[] whole = decompressed(file);
    int limit = Math.min(whole.length, 2_000_000); // the RIB excerpts: their first 2 MB
    byte[] head = Arrays.copyOf(whole, limit);
    ByteArrayOutputStream full = new ByteArrayOutputStream();
    try {
      dumpAll(head, MrtDump.Mode.ONE_LINE_UNIX_TIME, full);
    } catch (MrtFormatException cutInTheMiddle) {
      // the 2 MB excerpt ends inside a record: fine, full holds what came before
    }
    byte[] fullOut = full.toByteArray();
    SplittableRandom rnd = new SplittableRandom(file.getFileName().toString().hashCode());
    for (int i = 0; i < 20; i++) {
      int cut = rnd.nextInt(0, limit + 1);
      byte[] data = Arrays.copyOf(head, cut);
      onlyTypedFailure(() -> readAll(data, MrtReader.OnMalformed.SKIP));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        dumpAll(data, MrtDump.Mode.ONE_LINE_UNIX_TIME, out);
      } catch (MrtFormatException e) {
        assertThat(e.offset()).isLessThanOrEqualTo(cut);
        assertThat(e.recordOffset()).isLessThanOrEqualTo(cut);
      }
      // Every complete record before the cut is printed, exactly as in the uncut file.
      byte[] got = out.toByteArray();
      assertThat(Arrays.copyOf(fullOut, Math.min(got.length, fullOut.length))).isEqualTo(got);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("realFiles")
  void realFilesWithCorruptBytesRaiseOnlyTheTypedException(Path file) {
    byte[] whole = decompressed(file);
    byte[] head = Arrays.copyOf(whole, Math.min(whole.length, 300_000));
    SplittableRandom rnd = new SplittableRandom(~file.getFileName().toString().hashCode());
    for (int i = 0; i < 10; i++) {
      byte[] data = head.clone();
      int flips = rnd.nextInt(1, 8);
      for (int k = 0; k < flips && data.length > 0; k++) {
        data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
      }
      onlyTypedFailure(() -> readAll(data, MrtReader.OnMalformed.FAIL));
      onlyTypedFailure(() -> readAll(data, MrtReader.OnMalformed.SKIP));
      onlyTypedFailure(() -> dumpAll(data, MrtDump.Mode.MULTI_LINE, new ByteArrayOutputStream()));
    }
  }

  @Test
  void compressedFilesCutAnywhereRaiseOnlyTheTypedException() throws IOException {
    List<Path> compressed =
        TestData.mrtFiles().stream()
            .filter(p -> p.toString().endsWith(".gz") || p.toString().endsWith(".bz2"))
            .filter(p -> p.toFile().length() < 100_000)
            .collect(Collectors.toList());
    SplittableRandom rnd = new SplittableRandom(1952);
    for (Path p : compressed) {
      byte[] raw = java.nio.file.Files.readAllBytes(p);
      for (int i = 0; i < 5; i++) {
        byte[] data = Arrays.copyOf(raw, rnd.nextInt(0, raw.length));
        onlyTypedFailure(() -> readAll(data, MrtReader.OnMalformed.SKIP));
        onlyTypedFailure(
            () -> dumpAll(data, MrtDump.Mode.ONE_LINE_UNIX_TIME, new ByteArrayOutputStream()));
      }
    }
  }

  /**
   * A header that declares a 4 GB record, followed by a few bytes: rejected as truncated, with no
   * more allocated than the bytes present (plus the reader's fixed buffer), not the 4 GB declared.
   */
  @ParameterizedTest
  @MethodSource("hugeLengths")
  void hugeDeclaredLengthsAllocateOnlyWhatArrives(long declared) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(12 + 1000);
    b.putInt(0).putShort((short) 13).putShort((short) 2).putInt((int) declared);
    byte[] data = b.array();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> readAll(data, MrtReader.OnMalformed.FAIL))
        .isInstanceOf(MrtFormatException.class)
        .hasMessageMatching(".*(incomplete record|too large to read).*");
    assertThatThrownBy(
            () -> dumpAll(data, MrtDump.Mode.ONE_LINE_UNIX_TIME, new ByteArrayOutputStream()))
        .isInstanceOf(MrtFormatException.class);
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isLessThan(16L << 20);
  }

  static Stream<Long> hugeLengths() {
    return Stream.of(0xFFFFFFFFL, 0x7FFFFFF0L, 0x10000000L, 70000L);
  }

  @Test
  void cutOffsetsAreExact() throws IOException {
    byte[] rib = MrtRecordGoldenTest.PEER_TABLE_AND_RIB;
    for (int cut : IntStream.rangeClosed(0, rib.length).toArray()) {
      byte[] data = Arrays.copyOf(rib, cut);
      if (cut == 0 || cut == 58 || cut == rib.length) {
        readAll(data, MrtReader.OnMalformed.FAIL); // between records: a clean end
        continue;
      }
      assertThatThrownBy(() -> readAll(data, MrtReader.OnMalformed.FAIL))
          .isInstanceOf(MrtFormatException.class)
          .satisfies(
              e -> {
                MrtFormatException m = (MrtFormatException) e;
                assertThat(m.recordOffset()).isEqualTo(cut < 58 ? 0 : 58);
                assertThat(m.offset())
                    .isEqualTo(cut < 58 ? (cut < 12 ? 0 : cut) : cut < 70 ? 58 : cut);
              });
    }
  }
}
