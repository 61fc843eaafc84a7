// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening input files: buffered, and gunzipped when they start with gzip's magic bytes. */
public final class Inputs {
  private Inputs() {}

  /** Opens a file, gunzipping it if it is gzip. */
  public static InputStream open(Path file) throws IOException {
    return maybeGunzip(Files.newInputStream(file));
  }

  /** Wraps a stream so that gzip content is decompressed and anything else passes unchanged. */
  public static InputStream maybeGunzip(InputStream in) throws IOException {
    BufferedInputStream b =
        in instanceof BufferedInputStream bi ? bi : new BufferedInputStream(in, 1 << 16);
    b.mark(2);
    int m1 = b.read();
    int m2 = b.read();
    b.reset();
    if (m1 == 0x1f && m2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
    }
    return b;
  }
}
