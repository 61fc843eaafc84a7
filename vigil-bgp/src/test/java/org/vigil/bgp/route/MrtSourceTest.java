// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrtSourceTest {
  @ParameterizedTest
  @CsvSource({
    "data/rrc06/2015.04/updates.20150401.0000.gz, rrc06",
    "ris.rrc06.updates.1427846400.gz, rrc06",
    "route-views.linx/bgpdata/2022.01/UPDATES/updates.20220105.1000.bz2, route-views.linx",
    "archive/route-views2/bgpdata/2022.01/RIBS/rib.20220105.0000.bz2, route-views2",
    "routeviews.route-views.jinx.updates.1427846400.bz2, route-views.jinx",
    "route-views.updates.20220105.1000.bz2, route-views",
    "mrt-routeviews-rib-pyasn/derived/rib.20140523.0600.bz2, ''",
    "rrc100/x.gz, ''",
  })
  void guessesTheCollectorFromThePath(String path, String collector) {
    assertThat(MrtSource.of(Path.of(path)).collector()).isEqualTo(collector);
  }
}
