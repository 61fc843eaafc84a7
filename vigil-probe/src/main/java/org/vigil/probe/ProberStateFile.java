// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.vigil.core.InputFormatException;

/**
 * The prober's saved state: a small binary file, written in one buffer so that 5 M blocks (55 MB)
 * save in well under a second after every round.
 *
 * <pre>
 * "VGLPROBE"            8 bytes, magic
 * version               int, 1
 * round length          int, seconds
 * last round start      long, epoch seconds (Long.MIN_VALUE: none yet)
 * blocks                int, n
 * n × { block int (network address >>> 8), belief float, rounds down short, host cursor byte }
 * CRC-32                int, of everything before it
 * </pre>
 *
 * All numbers big-endian.
 */
final class ProberStateFile {
  private static final byte[] MAGIC = "VGLPROBE".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER = 8 + 4 + 4 + 8 + 4;
  private static final int RECORD = 4 + 4 + 2 + 1;

  private ProberStateFile() {}

  record Loaded(int restored, long lastRoundStart) {}

  static void write(
      Path file,
      TargetList targets,
      float[] belief,
      short[] roundsDown,
      byte[] cursor,
      long lastRoundStart,
      ProberConfig config)
      throws IOException {
    int n = targets.size();
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(HEADER + (long) n * RECORD + 4));
    buf.put(MAGIC).putInt(VERSION).putInt(config.roundSeconds()).putLong(lastRoundStart).putInt(n);
    for (int i = 0; i < n; i++) {
      buf.putInt(targets.network(i) >>> 8).putFloat(belief[i]).putShort(roundsDown[i]);
      buf.put(cursor[i]);
    }
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, buf.position());
    buf.putInt((int) crc.getValue());
    buf.flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Loaded read(
      Path file, TargetList targets, float[] belief, short[] roundsDown, byte[] cursor)
      throws IOException {
    String source = file.toString();
    long size = Files.size(file);
    if (size < HEADER + 4) {
      throw new InputFormatException(
          source, size, null, "truncated: not a Vigil prober state file");
    }
    if (size > Integer.MAX_VALUE) {
      throw new InputFormatException(source, 0, null, "too large for a prober state file");
    }
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
    byte[] magic = new byte[MAGIC.length];
    buf.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new InputFormatException(source, 0, null, "not a Vigil prober state file");
    }
    int version = buf.getInt();
    if (version != VERSION) {
      throw new InputFormatException(
          source, 8, null, "state file version " + version + ", expected " + VERSION);
    }
    buf.getInt(); // round length: informational; beliefs carry over to another length
    long lastRoundStart = buf.getLong();
    int n = buf.getInt();
    long expectedSize = HEADER + (long) n * RECORD + 4;
    if (n < 0 || expectedSize != size) {
      throw new InputFormatException(
          source,
          HEADER - 4,
          null,
          "the file holds " + size + " bytes, " + n + " blocks need " + expectedSize);
    }
    CRC32 crc = new CRC32();
    crc.update(buf.array(), 0, (int) size - 4);
    if ((int) crc.getValue() != buf.getInt((int) size - 4)) {
      throw new InputFormatException(source, size - 4, null, "checksum mismatch: corrupt file");
    }
    int restored = 0;
    for (int i = 0; i < n; i++) {
      int block = buf.getInt();
      float b = buf.getFloat();
      short down = buf.getShort();
      byte cur = buf.get();
      if (!(b >= BeliefModel.MIN_BELIEF - 1e-6 && b <= BeliefModel.MAX_BELIEF + 1e-6)) {
        throw new InputFormatException(
            source, HEADER + (long) i * RECORD + 4, null, "belief " + b + " out of range");
      }
      int t = targets.indexOf(block << 8);
      if (t >= 0) {
        belief[t] = b;
        roundsDown[t] = down;
        cursor[t] = cur;
        restored++;
      }
    }
    return new Loaded(restored, lastRoundStart);
  }
}
