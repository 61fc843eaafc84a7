// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.util.List;
import org.vigil.core.Entity;

/**
 * Which entities (countries, regions, networks) a /24 block belongs to: the mapping the {@code
 * probe.*} signals are counted by. {@link PrefixEntityTable} reads one from a CSV file; anything
 * else (an entity resolver over BGP origins and geolocation) can stand in as a lambda.
 */
@FunctionalInterface
public interface BlockEntities {
  /**
   * The entities of the block whose first address is {@code network} (198.18.1.0 for
   * 198.18.1.0/24); empty if none.
   */
  List<Entity> entitiesOf(int network);

  /** No block belongs to any entity. */
  static BlockEntities none() {
    return network -> List.of();
  }
}
