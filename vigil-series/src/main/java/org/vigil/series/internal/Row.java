// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

/**
 * The fields of one input row that the import uses, addressed by slot. Not API.
 *
 * <p>Slots point into a character buffer owned by the row source ({@link #chars}); they are valid
 * until the source reads the next row. Sharing one mutable row keeps the per-row cost at a few
 * array writes whatever the format.
 */
public final class Row {
  public static final int TIME = 0;
  public static final int VALUE = 1;
  public static final int ZONE = 2;
  public static final int ENTITY = 3;
  public static final int COUNTRY = 4;
  public static final int NAME = 5;
  public static final int SLOTS = 6;

  /** The buffer the slots point into. */
  public char[] chars;

  public final int[] start = new int[SLOTS];
  public final int[] end = new int[SLOTS];

  /** A JSON {@code null} in that slot (always false for delimited text). */
  public final boolean[] isNull = new boolean[SLOTS];

  /** The 1-based line the row starts on. */
  public long line;

  /** The slot's text as a string, for messages. */
  public String text(int slot) {
    return new String(chars, start[slot], end[slot] - start[slot]);
  }
}
