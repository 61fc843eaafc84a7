// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import org.vigil.core.EntityRegistry;

/**
 * How a {@link VigilServer} runs.
 *
 * <pre>{@code
 * ServerOptions opts = ServerOptions.defaults().withHost("0.0.0.0");
 * }</pre>
 *
 * @param host the address to listen on: {@code 127.0.0.1} (the default) serves this machine only,
 *     {@code 0.0.0.0} every interface
 * @param registry ISO 3166 names and codes, for entity look-ups
 * @param cacheMaxAge how long clients and proxies may reuse a response without asking again ({@code
 *     Cache-Control: max-age}); zero makes them revalidate every time (with the ETag, cheaply)
 * @param stopTimeout how long {@link VigilServer#stop()} waits for requests in flight
 * @param accessLog receives one line per request
 * @param webhooks the webhooks told of new and changed events
 */
public record ServerOptions(
    String host,
    EntityRegistry registry,
    Duration cacheMaxAge,
    Duration stopTimeout,
    Consumer<String> accessLog,
    WebhookConfig webhooks) {

  /** Where the access log goes by default: SLF4J logger {@code org.vigil.server.access}. */
  public static final String ACCESS_LOGGER = "org.vigil.server.access";

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(webhooks, "webhooks");
    if (cacheMaxAge.isNegative() || stopTimeout.isNegative()) {
      throw new IllegalArgumentException("cacheMaxAge and stopTimeout must not be negative");
    }
  }

  /**
   * Loopback only, ISO data from {@link EntityRegistry#load()}, responses cacheable for a minute,
   * five seconds to finish requests on stop, the access log to SLF4J, no webhooks.
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        "127.0.0.1",
        EntityRegistry.load(),
        Duration.ofMinutes(1),
        Duration.ofSeconds(5),
        LoggerFactory.getLogger(ACCESS_LOGGER)::info,
        WebhookConfig.none());
  }

  public ServerOptions withHost(String v) {
    return new ServerOptions(v, registry, cacheMaxAge, stopTimeout, accessLog, webhooks);
  }

  public ServerOptions withRegistry(EntityRegistry v) {
    return new ServerOptions(host, v, cacheMaxAge, stopTimeout, accessLog, webhooks);
  }

  public ServerOptions withCacheMaxAge(Duration v) {
    return new ServerOptions(host, registry, v, stopTimeout, accessLog, webhooks);
  }

  public ServerOptions withStopTimeout(Duration v) {
    return new ServerOptions(host, registry, cacheMaxAge, v, accessLog, webhooks);
  }

  public ServerOptions withWebhooks(WebhookConfig v) {
    return new ServerOptions(host, registry, cacheMaxAge, stopTimeout, accessLog, v);
  }

  public ServerOptions withAccessLog(Consumer<String> v) {
    return new ServerOptions(host, registry, cacheMaxAge, stopTimeout, v, webhooks);
  }
}
