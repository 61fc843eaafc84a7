// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
  /** Yields {@code n} bytes (i & 0xFF), then fails. */
  static InputStream failingAfter(int n) {
    return new InputStream() {
      int i;

      @Override
      public int read() throws IOException {
        if (i == n) {
          throw new IOException("cut");
        }
        return i++ & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (i == n) {
          throw new IOException("cut");
        }
        int k = Math.min(len, Math.min(n - i, 1000));
        for (int j = 0; j < k; j++) {
          b[off + j] = (byte) i++;
        }
        return k;
      }
    };
  }

  @Test
  void deliversEveryByteBeforeTheSourceFailedThenTheFailure() throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (ReadAheadInputStream in = new ReadAheadInputStream(failingAfter(100_000), 4096, 2, "t")) {
      byte[] b = new byte[777];
      assertThatThrownBy(
              () -> {
                for (int n; (n = in.read(b)) > 0; ) {
                  got.write(b, 0, n);
                }
              })
          .isInstanceOf(IOException.class)
          .hasMessage("cut");
      assertThatThrownBy(in::read).hasMessage("cut");
    }
    byte[] bytes = got.toByteArray();
    assertThat(bytes).hasSize(100_000);
    for (int i = 0; i < bytes.length; i++) {
      assertThat(bytes[i]).isEqualTo((byte) i);
    }
  }

  @Test
  void endsCleanlyAndStopsItsThreadOnClose() throws Exception {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 1;
          }
        };
    ReadAheadInputStream in = new ReadAheadInputStream(endless, 64, 1, "endless");
    assertThat(in.read()).isEqualTo(1);
    in.close();
    Thread t = readAheadThread("vigil-read-ahead endless");
    if (t != null) {
      t.join(10_000);
      assertThat(t.isAlive()).as("read-ahead thread stopped").isFalse();
    }
  }

  static Thread readAheadThread(String name) {
    Set<Thread> all = Thread.getAllStackTraces().keySet();
    return all.stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
  }
}
