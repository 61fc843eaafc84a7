// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes response bodies with their caching headers: a weak ETag over the body's bytes, {@code
 * Cache-Control}, and {@code 304 Not Modified} when the client already holds that body.
 *
 * <p>The ETag is weak ({@code W/"..."}) because gzip may re-encode the body on the way out: the
 * bytes differ, the content does not (RFC 9110 §8.8.1).
 */
final class Responses {
  static final String JSON = "application/json";
  static final String CSV = "text/csv; charset=utf-8";
  static final String COPYRIGHT =
      "Computed by Vigil from the input files catalogued in its store; each event lists the files"
          + " it rests on (GET /api/events).";

  private final String cacheControl;

  Responses(Duration cacheMaxAge) {
    this.cacheControl =
        cacheMaxAge.isZero() ? "no-cache" : "public, max-age=" + cacheMaxAge.toSeconds();
  }

  void json(Context ctx, JsonNode body) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    send(ctx, bytes, JSON);
  }

  void bytes(Context ctx, byte[] body, String contentType) {
    send(ctx, body, contentType);
  }

  void text(Context ctx, String body, String contentType) {
    send(ctx, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /**
   * IODA's envelope, {@code {type, metadata, requestParameters, error, perf, data, copyright}}. The
   * metadata holds no clock times, so the same data gives the same bytes and the same ETag.
   */
  void envelope(Context ctx, String type, Params params, JsonNode data) {
    json(ctx, envelopeOf(type, params.asGiven(), null, data));
  }

  static ObjectNode envelopeOf(
      String type, Map<String, String> requestParameters, JsonNode error, JsonNode data) {
    ObjectNode env = Json.object();
    env.put("type", type);
    env.putObject("metadata").put("generator", "vigil");
    ObjectNode rp = env.putObject("requestParameters");
    requestParameters.forEach(rp::put);
    env.set("error", error == null ? Json.NODES.nullNode() : error);
    env.putNull("perf");
    env.set("data", data == null ? Json.NODES.nullNode() : data);
    env.put("copyright", COPYRIGHT);
    return env;
  }

  /** {@code {status, message[, parameter]}}: the {@code error} member of every error body. */
  static ObjectNode errorOf(int status, String message, String parameter) {
    ObjectNode e = Json.object();
    e.put("status", status);
    e.put("message", message);
    if (parameter != null) {
      e.put("parameter", parameter);
    }
    return e;
  }

  private void send(Context ctx, byte[] bytes, String contentType) {
    String etag = "W/\"" + digest(bytes) + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", cacheControl);
    ctx.header("Vary", "Accept-Encoding");
    if (matches(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    ctx.contentType(contentType);
    ctx.result(bytes);
  }

  /** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; {@code *} matches anything. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String ours = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || opaque(c).equals(ours)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
