// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of event notifications: Vigil POSTs JSON to {@code url}, signed with {@code secret}.
 *
 * <pre>{@code
 * Webhook hook = Webhook.of(URI.create("https://example.org/vigil"), "s3cret");
 * // the receiver checks: header X-Vigil-Signature-256 equals Webhook.signature("s3cret", body)
 * }</pre>
 *
 * @param url where to POST ({@code http} or {@code https})
 * @param secret the HMAC-SHA256 key shared with the receiver
 */
public record Webhook(URI url, String secret) {
  /** The header that carries {@link #signature}. */
  public static final String SIGNATURE_HEADER = "X-Vigil-Signature-256";

  public Webhook {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException(
          "webhook URL must be http:// or https:// with a host, got '" + url + "'");
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(
          "webhook " + url + " needs a secret (--webhook-secret or VIGIL_WEBHOOK_SECRET)");
    }
  }

  public static Webhook of(URI url, String secret) {
    return new Webhook(url, secret);
  }

  /**
   * {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret}: the
   * value of {@value #SIGNATURE_HEADER} (the form GitHub's webhooks use).
   */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "Webhook[" + url + "]"; // never the secret
  }
}
