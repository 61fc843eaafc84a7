// SPDX-License-Identifier: Apache-2.0
// Vigil dashboard, home page: the world map shaded by severity and the list of events.
"use strict";

(() => {
  const { el, fmtTime, fmtDuration, fmtScore } = Vigil;
  const DAY = 86400;
  const RANK = { none: 0, quiet: 1, outage: 2, blackout: 3, ongoing: 4 };
  const LABEL = {
    none: "no data", quiet: "data, no event", outage: "outage", blackout: "blackout", ongoing: "ongoing event",
  };

  function windowDays() {
    const d = new URLSearchParams(location.search).get("days");
    return d !== null && /^\d+$/.test(d) ? Number(d) : 7;
  }

  /** The severity of each country (alpha-2) from the events overlapping the window. */
  function severities(events, datasourced) {
    const sev = {};
    for (const cc of datasourced) sev[cc] = "quiet";
    for (const ev of events) {
      const cc = ev.entity.type === "country" ? ev.entity.code : ev.entity.country;
      if (!cc) continue;
      const s = ev.end === null ? "ongoing" : ev.kind === "blackout" ? "blackout" : "outage";
      if (!sev[cc] || RANK[s] > RANK[sev[cc]]) sev[cc] = s;
    }
    return sev;
  }

  async function drawMap(meta, sev, names) {
    const box = document.getElementById("map");
    const world = await Vigil.getJson("/assets/vendor/world-atlas/countries-110m.json");
    const features = topojson.feature(world, world.objects.countries).features
      .filter((f) => f.properties.name !== "Antarctica");
    const width = 960;
    const height = 470;
    const projection = d3.geoEqualEarth().fitSize([width, height], { type: "FeatureCollection", features });
    const path = d3.geoPath(projection);
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", "World map; countries with data are links to their pages");
    const tip = el("div", { class: "map-tip", hidden: true });
    let shaded = 0;
    for (const f of features) {
      const cc = meta.iso_numeric[f.id];
      const s = (cc && sev[cc]) || "none";
      const p = document.createElementNS(ns, "path");
      p.setAttribute("d", path(f));
      p.setAttribute("class", "country fill-" + s + (cc && s !== "none" ? " linked" : ""));
      const label = (names[cc] || f.properties.name) + ": " + LABEL[s];
      p.setAttribute("data-cc", cc || "");
      p.setAttribute("data-severity", s);
      if (s !== "none") shaded++;
      if (cc && s !== "none") {
        // Countries with data are links: focusable, Enter opens them.
        p.setAttribute("tabindex", "0");
        p.setAttribute("role", "link");
        p.setAttribute("aria-label", label);
        const go = () => { location.href = "/country/" + cc; };
        p.addEventListener("click", go);
        p.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
      }
      p.addEventListener("mousemove", (e) => {
        const r = box.getBoundingClientRect();
        tip.textContent = label;
        tip.hidden = false;
        tip.style.left = (e.clientX - r.left + 12) + "px";
        tip.style.top = (e.clientY - r.top + 12) + "px";
      });
      p.addEventListener("mouseleave", () => { tip.hidden = true; });
      svg.append(p);
    }
    box.replaceChildren(svg, tip);
    box.dataset.shaded = String(shaded);
  }

  function eventRow(ev) {
    const start = Vigil.parseIso(ev.start);
    const end = Vigil.parseIso(ev.end);
    return el("tr", { "data-event": ev.id },
      el("td", {}, el("a", { href: Vigil.eventPath(ev), class: "event-link" }, Vigil.entityLabel(ev.entity)),
        ev.entity.type !== "country" && ev.entity.country ? el("span", { class: "muted" }, " (" + ev.entity.country + ")") : null),
      el("td", {}, Vigil.kindCell(ev)),
      el("td", {}, fmtTime(start)),
      el("td", {}, end === null ? "ongoing" : fmtTime(end)),
      el("td", {}, end === null ? "" : fmtDuration(end - start)),
      el("td", { class: "num" }, fmtScore(ev.score)));
  }

  /** Countries' and networks' events, then the regions' behind a button: the table stays short. */
  function eventRows(events) {
    const table = document.getElementById("events");
    for (const b of table.querySelectorAll("tbody")) b.remove();
    if (events.length === 0) {
      table.append(el("tbody", {}, el("tr", {}, el("td", { colspan: 6 }, "No event in this window."))));
      return;
    }
    // Ongoing first, then the most recent start.
    events.sort((a, b) => (a.end === null) - (b.end === null) || Vigil.parseIso(b.start) - Vigil.parseIso(a.start));
    const main = events.filter((e) => e.entity.type !== "region");
    const regions = events.filter((e) => e.entity.type === "region");
    table.append(el("tbody", { id: "main-events" }, main.map(eventRow)));
    if (regions.length) {
      const body = el("tbody", { id: "region-events", hidden: true }, regions.map(eventRow));
      const n = new Set(regions.map((e) => e.entity.code)).size;
      const button = el("button", { type: "button", "aria-expanded": "false", "aria-controls": "region-events" },
        "Show the " + regions.length + " events of " + n + " region" + (n === 1 ? "" : "s"));
      button.addEventListener("click", () => {
        body.hidden = !body.hidden;
        button.setAttribute("aria-expanded", String(!body.hidden));
        button.textContent = (body.hidden ? "Show" : "Hide") + " the " + regions.length + " events of " + n + " region" + (n === 1 ? "" : "s");
      });
      table.append(el("tbody", { class: "fold" }, el("tr", {}, el("td", { colspan: 6 }, button))), body);
    }
  }

  /** An episode as a card: where and when, its steps in order, and the link to the case. */
  function episodeCard(ep, byId, names) {
    const events = ep.events.map((id) => byId.get(id)).filter(Boolean);
    const start = Vigil.parseIso(ep.start);
    const end = Vigil.parseIso(ep.end);
    const steps = [];
    for (const kind of ["platform-blocking", "throttling", "blackout", "outage"]) {
      const mine = events.filter((e) => e.kind === kind && e.entity.type !== "region");
      const list = mine.length ? mine : events.filter((e) => e.kind === kind);
      if (list.length === 0) continue;
      const first = Math.min(...list.map((e) => Vigil.parseIso(e.start)));
      const nationwide = list.some((e) => e.scope === "nationwide");
      steps.push({ t: first, node: el("li", {}, el("span", { class: "chip chip-" + kind }, Vigil.kindLabel(kind)),
        " " + (nationwide ? "nationwide " : "") + "from " + Vigil.fmtShort(first) + " UTC") });
    }
    const patterned = new Map();
    for (const e of events) if (e.pattern && e.entity.type === "region") patterned.set(e.entity.code + e.pattern, e);
    for (const e of patterned.values()) {
      steps.push({ t: Vigil.parseIso(e.start), node: el("li", {}, el("span", { class: "chip chip-" + e.pattern }, e.pattern),
        " in " + e.entity.name) });
    }
    steps.sort((a, b) => a.t - b.t);
    const name = names[ep.country] || ep.country;
    const regions = new Set(ep.entities.filter((k) => k.startsWith("region/"))).size;
    const nets = new Set(ep.entities.filter((k) => k.startsWith("asn/"))).size;
    return el("article", { class: "episode-card", "data-episode": ep.id, "data-country": ep.country },
      el("h3", {}, el("a", { href: "/country/" + encodeURIComponent(ep.country) }, name + ", " + Vigil.fmtShort(start) +
        (end === null ? " – ongoing" : " – " + Vigil.fmtShort(end)) + " UTC")),
      el("ol", { class: "arc-steps" }, steps.map((s) => s.node)),
      el("p", { class: "muted" }, (end === null ? "Ongoing; " : fmtDuration(end - start) + "; ") + ep.events.length + " events" +
        (regions ? ", " + regions + " region" + (regions === 1 ? "" : "s") : "") + (nets ? ", " + nets + " network" + (nets === 1 ? "" : "s") : "") +
        ". ", el("a", { href: "/country/" + encodeURIComponent(ep.country) }, "Read the case: timeline, signals, evidence →")));
  }

  function episodeCards(episodes, events, names, from, until) {
    const box = document.getElementById("episodes");
    const byId = new Map(events.map((e) => [e.id, e]));
    const shown = episodes.filter((ep) => Vigil.parseIso(ep.start) < until && (ep.end === null || Vigil.parseIso(ep.end) > from))
      .sort((a, b) => (a.end === null) - (b.end === null) || Vigil.parseIso(b.start) - Vigil.parseIso(a.start));
    box.replaceChildren(...(shown.length ? shown.map((ep) => episodeCard(ep, byId, names))
      : [el("p", { class: "muted" }, "No episode in this window.")]));
  }

  async function main() {
    const days = windowDays();
    for (const b of document.querySelectorAll("[data-days]")) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.days) === days));
      b.addEventListener("click", () => {
        const q = new URLSearchParams(location.search);
        q.set("days", b.dataset.days);
        location.search = q.toString();
      });
    }
    const meta = await Vigil.meta();
    const note = document.getElementById("span-note");
    if (meta.data.until === null) {
      note.textContent = "The store holds no series yet: ingest data, run detection, then reload.";
      return;
    }
    const until = meta.data.until;
    const from = days === 0 ? meta.data.from : Math.max(meta.data.from, until - days * DAY);
    note.textContent = "Events between " + fmtTime(from) + " and " + fmtTime(until) + " UTC (" +
      (days === 0 ? "all data" : days === 1 ? "the last day of data" : "the last " + days + " days of data") +
      "). " + meta.data.ongoing + " ongoing.";
    const [events, countries, episodes] = await Promise.all([
      Vigil.getJson("/api/events?from=" + from + "&until=" + until),
      Vigil.getData("/v2/entities/query?entityType=country"),
      Vigil.getJson("/api/episodes").catch(() => []),
    ]);
    const names = {};
    const datasourced = [];
    for (const c of countries) {
      names[c.code] = c.name;
      if (c.attrs.datasources.length) datasourced.push(c.code);
    }
    episodeCards(episodes, events, names, from, until);
    eventRows(events.slice());
    await drawMap(meta, severities(events, datasourced), names);
  }

  main().catch((e) => {
    document.getElementById("span-note").replaceChildren(el("span", { class: "error" }, "Could not load: " + e.message));
  });
})();
