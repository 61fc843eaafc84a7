// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.asn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.InputFormatException;

class AsNameReaderTest {
  @TempDir Path dir;

  // Lines in the shapes of RIPE NCC's asn.txt (ftp.ripe.net/ripe/asnames/asn.txt): a handle alone,
  // a handle and the holder after " - ", a handle and the holder after a space.
  static final String RIPE =
      "3 MIT-GATEWAYS - Massachusetts Institute of Technology, US\n"
          + "3333 RIPE-NCC-AS Reseaux IP Europeens Network Coordination Centre (RIPE NCC), NL\n"
          + "9198 KAZTELECOM-AS, KZ\n"
          + "29355 KCELL-AS, KZ\n"
          + "23456 -Reserved AS-, ZZ\n"
          + "not a line of the table\n"
          + "41798 JSC Transtelecom, KZ\n";

  @Test
  void readsRipesAsnTxtWithHolderNamesWhereGiven() throws IOException {
    AsNameReader.Result r = AsNameReader.read(write("asn.txt", RIPE));
    assertThat(r.format()).isEqualTo(AsNameReader.Format.RIPE_ASN_TXT);
    assertThat(r.names())
        .containsExactly(
            new AsName(3, "Massachusetts Institute of Technology", "US"),
            new AsName(3333, "Reseaux IP Europeens Network Coordination Centre (RIPE NCC)", "NL"),
            new AsName(9198, "KAZTELECOM-AS", "KZ"),
            new AsName(23456, "-Reserved AS-", null),
            new AsName(29355, "KCELL-AS", "KZ"),
            new AsName(41798, "JSC Transtelecom", "KZ"));
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.firstSkippedLine()).isEqualTo(6);
  }

  @Test
  void readsCaidasAs2orgJoiningAsesToTheirOrganisations() throws IOException {
    String caida =
        "# name: AS Org\n"
            + "# format:org_id|changed|org_name|country|source\n"
            + "ORG-KJ1-RIPE|20210101|Kcell JSC|KZ|RIPE\n"
            + "# format:aut|changed|aut_name|org_id|opaque_id|source\n"
            + "29355|20210101|KCELL-AS|ORG-KJ1-RIPE|abc_RIPE|RIPE\n"
            + "64512|20210101|PRIVATE-AS|ORG-NONE|x|ARIN\n";
    AsNameReader.Result r = AsNameReader.read(gzip("20220101.as-org2info.txt.gz", caida));
    assertThat(r.format()).isEqualTo(AsNameReader.Format.CAIDA_AS2ORG);
    assertThat(r.names())
        .containsExactly(
            new AsName(29355, "Kcell JSC", "KZ"), new AsName(64512, "PRIVATE-AS", null));
    assertThat(r.skipped()).isZero();
  }

  @Test
  void aFileWithNoAsNameNamesItsFirstLine() throws IOException {
    Path bad = write("names.txt", "# a comment\nhello world\n");
    assertThatThrownBy(() -> AsNameReader.read(bad))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("names.txt, line 2")
        .hasMessageContaining("no AS names found: expected lines like '29355 KCELL-AS, KZ'");
  }

  @Test
  void aLineOutOfRangeIsSkippedNotFatal() {
    assertThat(AsNameReader.ripeLine("4294967296 TOO-BIG, US")).isNull();
    assertThat(AsNameReader.ripeLine("AS29355 KCELL-AS, KZ"))
        .isEqualTo(new AsName(29355, "KCELL-AS", "KZ"));
    assertThat(AsNameReader.ripeLine("12345 IBM Corporation, US"))
        .isEqualTo(new AsName(12345, "IBM Corporation", "US"));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path gzip(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }
}
