// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.util.Arrays;

/**
 * Python's {@code base64.b64decode(s)} with its defaults ({@code validate=False}), which OONI's
 * fastpath uses on base64-encoded HTTP bodies and headers. It differs from {@link
 * java.util.Base64}: characters outside the alphabet are skipped, decoding stops at the first
 * complete padding ({@code "=="} after two data characters of a quad, {@code "="} after three), and
 * a last quad that is incomplete and unpadded is an error ({@code binascii.Error}) rather than
 * accepted.
 */
public final class PyBase64 {
  private static final byte[] VALUE = new byte[128];

  static {
    Arrays.fill(VALUE, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private PyBase64() {}

  /**
   * Decodes {@code text} as {@code b64decode} does.
   *
   * @throws BinasciiError for incorrect padding or a length one more than a multiple of four
   * @throws FastpathError if {@code text} is not ASCII (Python raises {@code UnicodeEncodeError},
   *     which the fastpath does not catch)
   */
  public static byte[] decode(String text) {
    int n = text.length();
    byte[] out = new byte[n / 4 * 3 + 3];
    int size = 0;
    int quadPos = 0;
    int left = 0;
    int pads = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        throw new FastpathError("base64 data is not ASCII");
      }
      if (c == '=') {
        // Padding ends the data once it completes a quad; stray padding is ignored.
        if (quadPos >= 2 && quadPos + ++pads >= 4) {
          return Arrays.copyOf(out, size);
        }
        continue;
      }
      int v = VALUE[c];
      if (v < 0) {
        continue;
      }
      pads = 0;
      switch (quadPos) {
        case 0 -> {
          left = v;
          quadPos = 1;
        }
        case 1 -> {
          out[size++] = (byte) ((left << 2) | (v >> 4));
          left = v & 0x0f;
          quadPos = 2;
        }
        case 2 -> {
          out[size++] = (byte) ((left << 4) | (v >> 2));
          left = v & 0x03;
          quadPos = 3;
        }
        default -> {
          out[size++] = (byte) ((left << 6) | v);
          left = 0;
          quadPos = 0;
        }
      }
    }
    if (quadPos == 1) {
      throw new BinasciiError(
          "Invalid base64-encoded string: number of data characters cannot be 1 more than a"
              + " multiple of 4");
    }
    if (quadPos != 0) {
      throw new BinasciiError("Incorrect padding");
    }
    return Arrays.copyOf(out, size);
  }
}
