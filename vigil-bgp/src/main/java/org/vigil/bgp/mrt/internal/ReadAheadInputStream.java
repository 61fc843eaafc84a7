// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on its own thread, in chunks, so that decompressing (bzip2 runs at about 60
 * MB/s in Java) overlaps with parsing instead of adding to it.
 *
 * <p>Memory is bounded: {@code depth} chunks in flight plus two being filled and drained, recycled
 * rather than allocated per chunk. Bytes the source delivered before failing are passed on first,
 * then its exception, so a cut file still yields every complete record. {@link #close()} closes the
 * source and stops the thread (a daemon, so an abandoned stream never keeps a JVM alive).
 */
public final class ReadAheadInputStream extends InputStream {
  private static final Object END = new Object();

  private static final class Chunk {
    final byte[] bytes;
    int length;

    Chunk(int size) {
      bytes = new byte[size];
    }
  }

  private final InputStream source;
  private final BlockingQueue<Object> full;
  private final BlockingQueue<Chunk> free;
  private final Thread thread;
  private Chunk current;
  private int pos;
  private boolean ended;
  private IOException failure;
  private volatile boolean closed;

  public ReadAheadInputStream(InputStream source, int chunkSize, int depth, String name) {
    this.source = source;
    this.full = new ArrayBlockingQueue<>(depth + 1);
    this.free = new ArrayBlockingQueue<>(depth + 2);
    for (int i = 0; i < depth + 2; i++) {
      free.add(new Chunk(chunkSize));
    }
    this.thread = new Thread(this::run, "vigil-read-ahead " + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (!closed) {
        Chunk c = free.take();
        c.length = 0;
        IOException error = null;
        boolean eof = false;
        try {
          while (c.length < c.bytes.length) {
            int n = source.read(c.bytes, c.length, c.bytes.length - c.length);
            if (n < 0) {
              eof = true;
              break;
            }
            c.length += n;
          }
        } catch (IOException e) {
          error = e;
        } catch (RuntimeException e) {
          error = new IOException(e.toString(), e);
        }
        if (c.length > 0) {
          full.put(c);
        } else {
          free.put(c);
        }
        if (error != null) {
          full.put(error);
          return;
        }
        if (eof) {
          full.put(END);
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private boolean advance() throws IOException {
    if (current != null && pos < current.length) {
      return true;
    }
    if (ended) {
      return false;
    }
    if (failure != null) {
      throw failure;
    }
    if (current != null) {
      free.add(current);
      current = null;
    }
    Object next;
    try {
      next = full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for decompressed data");
    }
    if (next == END) {
      ended = true;
      return false;
    }
    if (next instanceof IOException) {
      failure = (IOException) next;
      throw failure;
    }
    current = (Chunk) next;
    pos = 0;
    return true;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current.bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    if (!advance()) {
      return -1;
    }
    return current.bytes[pos++] & 0xFF;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    source.close();
  }
}
