// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.util.List;
import org.vigil.server.VigilServer.Route;

/**
 * The routes of the dashboard and the feeds: the HTML pages and assets a browser or a feed reader
 * opens, kept apart from the API routes that {@code /openapi.json} describes.
 */
final class Dashboard {
  private Dashboard() {}

  static List<Route> routes(
      StoreView store, ServerOptions opts, Responses responses, DatasetLabel label) {
    DashboardController pages = new DashboardController(store, opts.registry(), label, responses);
    return List.of(
        new Route("/", pages::home),
        new Route("/country/{code}", pages::country),
        new Route("/region/{code}", pages::region),
        new Route("/asn/{code}", pages::asn),
        new Route("/assets/<path>", pages::asset));
  }
}
