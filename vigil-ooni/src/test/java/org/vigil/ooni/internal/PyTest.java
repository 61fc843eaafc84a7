// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Python semantics, checked against Python 3.11. */
class PyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static com.fasterxml.jackson.databind.JsonNode n(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void truthinessIsPythons() throws Exception {
    for (String falsy : new String[] {"null", "false", "0", "0.0", "\"\"", "[]", "{}"}) {
      assertThat(Py.truthy(n(falsy))).as(falsy).isFalse();
    }
    for (String truthy : new String[] {"true", "1", "-0.5", "\"0\"", "[0]", "{\"a\":null}"}) {
      assertThat(Py.truthy(n(truthy))).as(truthy).isTrue();
    }
    assertThat(Py.truthy(null)).isFalse();
  }

  @Test
  void comparisonsWithBooleansFollowPython() throws Exception {
    assertThat(Py.equalsFalse(n("0"))).isTrue();
    assertThat(Py.equalsFalse(n("0.0"))).isTrue();
    assertThat(Py.equalsFalse(n("\"\""))).isFalse();
    assertThat(Py.isFalse(n("0"))).isFalse();
    assertThat(Py.inTrueFalseNone(n("1"))).isTrue();
    assertThat(Py.inTrueFalseNone(n("1.0"))).isTrue();
    assertThat(Py.inTrueFalseNone(n("2"))).isFalse();
    assertThat(Py.inTrueFalseNone(n("\"true\""))).isFalse();
    assertThat(Py.inTrueFalseNone(n("123456789012345678901234567890"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "'5',5.0",
    "' 12.5 ',12.5",
    "'1_000',1000.0",
    "'1e3',1000.0",
    "'-.5',-0.5",
    "'1.',1.0",
    "'+1E-2',0.01",
    "'inf',Infinity",
    "'-Infinity',-Infinity",
    "'\u0661\u0662',12.0"
  })
  void floatParsesWhatPythonParses(String in, double out) {
    assertThat(Py.parseFloat(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "1__0", "_1", "1_", ".", "e5", "1e", "0x10", "1.5f", "NaNa", "1 2"})
  void floatRefusesWhatPythonRefuses(String in) {
    assertThatThrownBy(() -> Py.parseFloat(in)).isInstanceOf(FastpathError.class);
  }

  @Test
  void nanParses() {
    assertThat(Py.parseFloat("NaN")).isNaN();
  }

  @ParameterizedTest
  @CsvSource({
    "'2022-01-04 10:00:00',2022-01-04T10:00:00",
    "'2022-1-4 1:2:3',2022-01-04T01:02:03",
    "'2022-01- 4 10:00:00',2022-01-04T10:00:00",
    "'2022-01-04  \t10:00:00',2022-01-04T10:00:00",
    "'2024-02-29 23:59:59',2024-02-29T23:59:59"
  })
  void strptimeAcceptsWhatPythonAccepts(String in, String out) {
    assertThat(Py.strptime(in)).isEqualTo(LocalDateTime.parse(out));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2022-01-04T10:00:00",
        "2022-01-04 10:00:00Z",
        "2022-13-04 10:00:00",
        "2022-00-04 10:00:00",
        "2022-01-32 10:00:00",
        "2022-02-30 10:00:00",
        "2022-01-04 24:00:00",
        "2022-01-04 10:60:00",
        "2022-01-04 10:00:60",
        "22-01-04 10:00:00",
        "2022-01-0410:00:00",
        "0000-01-04 10:00:00",
        ""
      })
  void strptimeRefusesWhatPythonRefuses(String in) {
    assertThat(Py.strptime(in)).isNull();
  }
}
