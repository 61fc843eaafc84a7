// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vigil.core.InputFormatException;
import org.vigil.core.Sha256;
import org.vigil.ooni.internal.JsonTrees;

/**
 * Downloads OONI's blockpage fingerprints ({@value FingerprintDatabase#DNS_FILE} and {@value
 * FingerprintDatabase#HTTP_FILE}) from a base URL, checks that they load, and puts them in a
 * directory where {@link FingerprintDatabase#locate} finds them ({@code DATA/ooni/fingerprints}),
 * with a {@value #SOURCE_FILE} note of where and when they came from.
 *
 * <pre>{@code
 * FingerprintFetcher.Result r = FingerprintFetcher.create()
 *     .fetch(FingerprintFetcher.DEFAULT_BASE, dataDir.resolve("ooni").resolve("fingerprints"));
 * }</pre>
 *
 * <p>Both files are checked before either replaces what the directory held: a failed fetch leaves
 * the previous fingerprints in place.
 */
public final class FingerprintFetcher {
  /**
   * Where OONI's backend keeps the fingerprints its fastpath tests use: {@code ooni/backend},
   * {@code fastpath/fastpath/tests/data/}, branch {@code master}.
   */
  public static final URI DEFAULT_BASE =
      URI.create(
          "https://raw.githubusercontent.com/ooni/backend/master/fastpath/fastpath/tests/data/");

  /** The note written next to the fingerprints: source URLs, time, SHA-256 of each file. */
  public static final String SOURCE_FILE = "SOURCE.txt";

  private static final JsonFactory JSON = new JsonFactory();

  private final HttpClient http;

  private FingerprintFetcher(HttpClient http) {
    this.http = http;
  }

  /** A fetcher with its own HTTP client (30 s timeouts, redirects followed). */
  public static FingerprintFetcher create() {
    return new FingerprintFetcher(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build());
  }

  /**
   * What was fetched.
   *
   * @param directory where the files now are
   * @param dnsCount DNS fingerprints
   * @param httpCount HTTP fingerprints
   */
  public record Result(Path directory, int dnsCount, int httpCount) {}

  /**
   * Fetches both files from {@code base} (a directory URL: a missing final {@code /} is added) into
   * {@code directory}.
   *
   * @throws IOException with what to do next, if a file cannot be downloaded (offline, not found)
   *     or is not a fingerprint table; nothing is changed then
   */
  public Result fetch(URI base, Path directory) throws IOException, InterruptedException {
    Objects.requireNonNull(directory, "directory");
    URI dir = base.toString().endsWith("/") ? base : URI.create(base + "/");
    URI dnsUri = dir.resolve(FingerprintDatabase.DNS_FILE);
    URI httpUri = dir.resolve(FingerprintDatabase.HTTP_FILE);
    byte[] dns = download(dnsUri);
    byte[] http = download(httpUri);
    int dnsCount = check(dns, dnsUri).size();
    int httpCount = check(http, httpUri).size();
    Files.createDirectories(directory);
    Path dnsTmp = Files.createTempFile(directory, "dns", ".part");
    Path httpTmp = Files.createTempFile(directory, "http", ".part");
    try {
      Files.write(dnsTmp, dns);
      Files.write(httpTmp, http);
      Files.move(
          dnsTmp,
          directory.resolve(FingerprintDatabase.DNS_FILE),
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          httpTmp,
          directory.resolve(FingerprintDatabase.HTTP_FILE),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(dnsTmp);
      Files.deleteIfExists(httpTmp);
    }
    String note =
        "OONI blockpage fingerprints, fetched "
            + Instant.now()
            + "\n"
            + FingerprintDatabase.DNS_FILE
            + " from "
            + dnsUri
            + " sha256 "
            + Sha256.of(directory.resolve(FingerprintDatabase.DNS_FILE))
            + "\n"
            + FingerprintDatabase.HTTP_FILE
            + " from "
            + httpUri
            + " sha256 "
            + Sha256.of(directory.resolve(FingerprintDatabase.HTTP_FILE))
            + "\n";
    Files.writeString(directory.resolve(SOURCE_FILE), note);
    return new Result(directory, dnsCount, httpCount);
  }

  private byte[] download(URI uri) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("User-Agent", "vigil (open internet-shutdown observatory)")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | HttpTimeoutException e) {
      throw offline(uri, e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        throw offline(uri, e);
      }
      throw new IOException("cannot download " + uri + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "cannot download "
              + uri
              + ": HTTP "
              + response.statusCode()
              + "; check the URL (--from), or download the two files yourself and give their"
              + " directory with --fingerprints DIR");
    }
    return response.body();
  }

  private static IOException offline(URI uri, Exception e) {
    return new IOException(
        "cannot reach "
            + uri.getHost()
            + " ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + "). Are you offline? Copy "
            + FingerprintDatabase.DNS_FILE
            + " and "
            + FingerprintDatabase.HTTP_FILE
            + " from OONI's backend repository (fastpath/fastpath/tests/data/) onto this machine"
            + " and give their directory with --fingerprints DIR, or serve them and use"
            + " --from URL",
        e);
  }

  private static List<Fingerprint> check(byte[] bytes, URI uri) throws IOException {
    try (JsonParser p = JSON.createParser(bytes)) {
      return FingerprintDatabase.parse(JsonTrees.read(p), uri.toString());
    } catch (JacksonException e) {
      throw new IOException(
          uri + " is not JSON: " + e.getOriginalMessage() + "; is the URL right?");
    } catch (InputFormatException e) {
      throw new IOException(
          uri + " is not a fingerprint table: " + e.getMessage() + "; is the URL right?");
    }
  }
}
