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

  function eventRows(events) {
    const body = document.querySelector("#events tbody");
    if (events.length === 0) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, "No event in this window.")));
      return;
    }
    // Ongoing first, then the most recent start.
    events.sort((a, b) => (a.end === null) - (b.end === null) || b.start - a.start);
    body.replaceChildren(...events.map((ev) => {
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
    }));
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
    const [events, countries] = await Promise.all([
      Vigil.getJson("/api/events?from=" + from + "&until=" + until),
      Vigil.getData("/v2/entities/query?entityType=country"),
    ]);
    const names = {};
    const datasourced = [];
    for (const c of countries) {
      names[c.code] = c.name;
      if (c.attrs.datasources.length) datasourced.push(c.code);
    }
    eventRows(events.slice());
    await drawMap(meta, severities(events, datasourced), names);
  }

  main().catch((e) => {
    document.getElementById("span-note").replaceChildren(el("span", { class: "error" }, "Could not load: " + e.message));
  });
})();
