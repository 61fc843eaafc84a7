// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.vigil.core.TimeSeries;

class DetectorStateTest {
  static final long START = 1_641_340_800L; // 2022-01-05T00:00Z, a multiple of 600

  /** Window 1 h at 10-minute bins (6 slots), no rhythm, no warm-up. */
  static final DetectorConfig SMALL =
      DetectorConfig.forSignal("probe.up_slash24")
          .withWindowSeconds(3600)
          .withPeriodSeconds(0)
          .withWarmupSeconds(0);

  /** Three bins of 10, then 4: critical (ratio 0.4), in-painted, the event still open. */
  static DetectorState openEventState() {
    return MovingMedianDetector.detect(
            TimeSeries.of(START, 600, new double[] {10, 10, 10, 4}), SMALL)
        .state();
  }

  @Test
  void encodesAStateWithAnOpenEventExactly() {
    String expected =
        String.join(
            "",
            "5644", // magic "VD"
            "03", // format 3
            "0000000000000e10", // window 3600 s
            "3fe999999999999a", // warning 0.8
            "3fe0000000000000", // critical 0.5
            "3fe999999999999a", // in-paint below 0.8
            "4000000000000000", // in-paint above 2.0
            "0000000000000000", // period 0
            "0000000000000000", // warm-up 0
            "0000000000000000", // minimum duration 0
            "3fa999999999999a", // recovery margin 0.05
            "0000000000093a80", // in-paint for at most 604800 s (probe's default; 1008 bins)
            "00", // baseline: moving median
            "00000006", // similar days: 6 (unused by the moving median)
            "00000258", // step 600 s
            "0000000061d4e8e0", // next bin: START + 4 × 600
            "0000000000000000", // warm-up bins seen (none needed)
            "0000000000000001", // in-painting run: one bin (the 4)
            "00000006", // 6 history slots; START / 600 ≡ 0 (mod 6), so slot 0 is the first bin
            "4024000000000000", // 10
            "4024000000000000", // 10
            "4024000000000000", // 10
            "4024000000000000", // 10: the 4 was in-painted with its baseline
            "7ff8000000000000", // NaN: not seen yet
            "7ff8000000000000", // NaN
            "02", // alert machine: critical
            "0000000061d4e688", // run start: START + 3 × 600
            "01", // confirmed
            "00000000", // no held-back alerts
            "0000000061d4e688", // event start
            "02", // peak: critical
            "3fd999999999999a", // lowest ratio 0.4
            "4082c00000000000", // score: 60 % × 10 min = 600
            "0000000000000001", // one bin
            "0000000000000001", // sample stride 1
            "00000001", // one sampled baseline
            "4024000000000000"); // 10

    assertThat(HexFormat.of().formatHex(openEventState().toBytes())).isEqualTo(expected);
  }

  /** {@link #openEventState()} as format 2 wrote it, before the baseline could be chosen. */
  static final String FORMAT_2_OPEN_EVENT =
      String.join(
          "",
          "5644",
          "02",
          "0000000000000e10",
          "3fe999999999999a",
          "3fe0000000000000",
          "3fe999999999999a",
          "4000000000000000",
          "0000000000000000",
          "0000000000000000",
          "0000000000000000",
          "3fa999999999999a",
          "0000000000093a80",
          "00000258",
          "0000000061d4e8e0",
          "0000000000000000",
          "0000000000000001",
          "00000006",
          "4024000000000000",
          "4024000000000000",
          "4024000000000000",
          "4024000000000000",
          "7ff8000000000000",
          "7ff8000000000000",
          "02",
          "0000000061d4e688",
          "01",
          "00000000",
          "0000000061d4e688",
          "02",
          "3fd999999999999a",
          "4082c00000000000",
          "0000000000000001",
          "0000000000000001",
          "00000001",
          "4024000000000000");

  @Test
  void readsFormatTwoAsAMovingMedianStateThatContinuesExactly() {
    DetectorState old = DetectorState.fromBytes(HexFormat.of().parseHex(FORMAT_2_OPEN_EVENT));

    assertThat(old.config()).isEqualTo(SMALL);
    assertThat(old.config().baseline()).isEqualTo(Baseline.MOVING_MEDIAN);
    assertThat(old.inpaintRun).isEqualTo(1);
    // Written back in the current format it is the state the current code builds.
    byte[] upgraded = old.toBytes();
    assertThat(upgraded[2]).isEqualTo((byte) 3);
    assertThat(upgraded).isEqualTo(openEventState().toBytes());
  }

  /** {@link #openEventState()} as format 1 wrote it, before the in-painting limit existed. */
  static final String FORMAT_1_OPEN_EVENT =
      String.join(
          "",
          "5644",
          "01",
          "0000000000000e10",
          "3fe999999999999a",
          "3fe0000000000000",
          "3fe999999999999a",
          "4000000000000000",
          "0000000000000000",
          "0000000000000000",
          "0000000000000000",
          "3fa999999999999a",
          "00000258",
          "0000000061d4e8e0",
          "0000000000000000",
          "00000006",
          "4024000000000000",
          "4024000000000000",
          "4024000000000000",
          "4024000000000000",
          "7ff8000000000000",
          "7ff8000000000000",
          "02",
          "0000000061d4e688",
          "01",
          "00000000",
          "0000000061d4e688",
          "02",
          "3fd999999999999a",
          "4082c00000000000",
          "0000000000000001",
          "0000000000000001",
          "00000001",
          "4024000000000000");

  @Test
  void readsFormatOneAsAStateWithoutAnInpaintingLimit() {
    DetectorState old = DetectorState.fromBytes(HexFormat.of().parseHex(FORMAT_1_OPEN_EVENT));

    // Format 1 in-painted for ever: it reads as no limit, so it goes on exactly as it would have.
    DetectorConfig unlimited = SMALL.withMaxInpaintSeconds(0);
    assertThat(old.config()).isEqualTo(unlimited);
    assertThat(old.inpaintRun).isZero();
    assertThat(old.nextTime()).isEqualTo(START + 2400);
    assertThat(old.alertMachine().alerting()).isTrue();
    // It is written back in the current format, and reads back the same.
    byte[] upgraded = old.toBytes();
    assertThat(upgraded[2]).isEqualTo((byte) 3);
    assertThat(DetectorState.fromBytes(upgraded).toBytes()).isEqualTo(upgraded);

    DetectorState fresh =
        MovingMedianDetector.detect(
                TimeSeries.of(START, 600, new double[] {10, 10, 10, 4}), unlimited)
            .state();
    double[] more = new double[40];
    Arrays.fill(more, 4);
    Arrays.fill(more, 30, 40, 10);
    TimeSeries rest = TimeSeries.of(START + 2400, 600, more);
    DetectionResult a = MovingMedianDetector.run(rest, old);
    DetectionResult b = MovingMedianDetector.run(rest, fresh);
    assertThat(a.alerts()).isEqualTo(b.alerts()).isNotEmpty();
    assertThat(a.events()).isEqualTo(b.events());
    assertThat(MovingMedianDetectorPropertyTest.bits(a.expected()))
        .isEqualTo(MovingMedianDetectorPropertyTest.bits(b.expected()));
  }

  @Test
  void rejectsAnInpaintingRunBeyondTheLimitOrNegative() {
    // The run's 8 bytes follow the magic, the format, the configuration (85 bytes), the step, the
    // next time and the warm-up count.
    int at = 3 + 85 + 4 + 8 + 8;
    byte[] good = openEventState().toBytes();
    assertThat(ByteBuffer.wrap(good).getLong(at)).isEqualTo(1);
    // probe's limit of 604800 s is 1008 bins at 600 s: a run may reach it, not pass it.
    byte[] full = good.clone();
    ByteBuffer.wrap(full).putLong(at, 1008);
    assertThat(DetectorState.fromBytes(full).inpaintRun).isEqualTo(1008);
    for (long bad : new long[] {1009, -1, Long.MAX_VALUE}) {
      byte[] b = good.clone();
      ByteBuffer.wrap(b).putLong(at, bad);
      assertThatThrownBy(() -> DetectorState.fromBytes(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("in-painting run " + bad);
    }
  }

  @Test
  void aQuietStateEndsAfterTheMachineLevel() {
    DetectorState s = DetectorState.initial(SMALL, 600);
    byte[] b = s.toBytes();
    assertThat(b).hasSize(3 + 85 + 4 + 8 + 8 + 8 + 4 + 6 * 8 + 1);
    assertThat(b[b.length - 1]).isZero(); // level normal, nothing follows
    assertThat(DetectorState.fromBytes(b).nextTime()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void decodesWhatItEncodes() {
    DetectorState s = openEventState();
    DetectorState back = DetectorState.fromBytes(s.toBytes());
    assertThat(back.toBytes()).isEqualTo(s.toBytes());
    assertThat(back.config()).isEqualTo(SMALL);
    assertThat(back.stepSeconds()).isEqualTo(600);
    assertThat(back.nextTime()).isEqualTo(START + 2400);
    assertThat(back.alertMachine().alerting()).isTrue();
    assertThat(back.alertMachine().runStart()).isEqualTo(START + 1800);
  }

  @RepeatedTest(50)
  void roundTripsRandomStatesAndTheyContinueIdentically(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    TimeSeries s = RandomSeries.withOutages(rnd, 600);
    DetectorConfig c = RandomSeries.config(rnd, "probe.up_slash24");
    int cut = rnd.nextInt(s.length() + 1);
    DetectorState state = MovingMedianDetector.detect(s.slice(0, cut), c).state();

    byte[] bytes = state.toBytes();
    DetectorState back = DetectorState.fromBytes(bytes);
    assertThat(back.toBytes()).isEqualTo(bytes);

    TimeSeries rest = s.slice(cut, s.length());
    DetectionResult a = MovingMedianDetector.run(rest, state);
    DetectionResult b = MovingMedianDetector.run(rest, back);
    assertThat(b.events()).isEqualTo(a.events());
    assertThat(b.alerts()).isEqualTo(a.alerts());
    assertThat(b.state().toBytes()).isEqualTo(a.state().toBytes());
  }

  @Test
  void rejectsForeignTruncatedAndPaddedBytes() {
    byte[] good = openEventState().toBytes();
    assertThatThrownBy(() -> DetectorState.fromBytes(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    byte[] foreign = good.clone();
    foreign[0] = 'X';
    assertThatThrownBy(() -> DetectorState.fromBytes(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magic");
    byte[] future = good.clone();
    future[2] = 4;
    assertThatThrownBy(() -> DetectorState.fromBytes(future))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format 4");
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> DetectorState.fromBytes(cut))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> DetectorState.fromBytes(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }

  @RepeatedTest(300)
  void corruptBytesFailOnlyWithIllegalArgumentAndNeverBreakALaterRun(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(1000 + info.getCurrentRepetition());
    byte[] bytes = openEventState().toBytes();
    int flips = 1 + rnd.nextInt(4);
    for (int i = 0; i < flips; i++) {
      bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);
    }
    DetectorState s;
    try {
      s = DetectorState.fromBytes(bytes);
    } catch (IllegalArgumentException expected) {
      return;
    }
    TimeSeries more = RandomSeries.pathological(rnd, s.stepSeconds(), START + 2400);
    DetectionResult r = MovingMedianDetector.run(more, s);
    assertThat(r.length()).isEqualTo(more.length());
  }

  @Test
  void rejectsAStepThatIsNotTheStates() {
    DetectorState s = DetectorState.initial(SMALL, 600);
    assertThatThrownBy(() -> MovingMedianDetector.run(TimeSeries.empty(START, 300, 3), s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("300");
  }

  @Test
  void rejectsAbsurdWindows() {
    assertThatThrownBy(() -> DetectorState.initial(SMALL.withWindowSeconds(Long.MAX_VALUE), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bins");
    assertThatThrownBy(() -> DetectorState.initial(SMALL, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
