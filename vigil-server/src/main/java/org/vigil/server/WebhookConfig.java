// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.time.Duration;
import java.util.List;

/**
 * Which webhooks a {@link VigilServer} notifies, and how.
 *
 * @param hooks the receivers; none: no notifications
 * @param pollInterval how often the server compares the store's events with what it announced
 * @param maxAttempts attempts per notification before it is left for the next poll
 * @param firstBackoff the wait after the first failed attempt; each further wait doubles
 */
public record WebhookConfig(
    List<Webhook> hooks, Duration pollInterval, int maxAttempts, Duration firstBackoff) {
  public WebhookConfig {
    hooks = List.copyOf(hooks);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (firstBackoff.isNegative()) {
      throw new IllegalArgumentException("firstBackoff must not be negative");
    }
  }

  /** No webhooks. */
  public static WebhookConfig none() {
    return of(List.of());
  }

  /** These hooks, polled every minute, 6 attempts 1, 2, 4, 8 and 16 s apart. */
  public static WebhookConfig of(List<Webhook> hooks) {
    return new WebhookConfig(hooks, Duration.ofMinutes(1), 6, Duration.ofSeconds(1));
  }

  public WebhookConfig withPollInterval(Duration v) {
    return new WebhookConfig(hooks, v, maxAttempts, firstBackoff);
  }

  public WebhookConfig withRetries(int attempts, Duration first) {
    return new WebhookConfig(hooks, pollInterval, attempts, first);
  }
}
