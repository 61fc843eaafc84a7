// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

/** An RFC 8092 large community: three unsigned 32-bit values, written {@code a:b:c}. */
public record LargeCommunity(long globalAdministrator, long localData1, long localData2) {
  @Override
  public String toString() {
    return globalAdministrator + ":" + localData1 + ":" + localData2;
  }
}
