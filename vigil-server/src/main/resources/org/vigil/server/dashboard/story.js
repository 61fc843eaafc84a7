// SPDX-License-Identifier: Apache-2.0
// Vigil dashboard: the story of an entity page. The episode as a headline and a short timeline of
// its steps (from /api/episodes and its narrative, read as data), the events grouped by kind and
// entity, and a country's regions as a table with small multiples.
"use strict";

const VigilStory = (() => {
  const { el, fmtTime, fmtDuration, fmtShort, fmtLocal, kindLabel } = Vigil;
  const iso = Vigil.parseIso;
  const CUTS = new Set(["blackout", "outage"]);
  const KEY_SIGNALS = [
    ["probe.up_slash24", "active probing"],
    ["traffic.requests", "traffic"],
    ["bgp.visible_slash24", "BGP-visible /24s"],
  ];

  const keyOf = (e) => e.type + "/" + e.code;
  const pct = (r) => (r < 0.01 ? "< 1 %" : Math.round(100 * r) + " %");
  const endOf = (ev, fallback) => (ev.end === null ? fallback : iso(ev.end));

  /** The narrative's zone ("local time in Asia/Almaty") and title without its parenthesis. */
  function zoneOf(narrative) {
    const m = narrative && /local time in ([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+)/.exec(narrative.title || "");
    return m ? m[1] : null;
  }

  function headlineOf(narrative, fallback) {
    if (!narrative || !narrative.title) return fallback;
    const i = narrative.title.indexOf(" (");
    return i > 0 ? narrative.title.slice(0, i) : narrative.title;
  }

  /** "5 Jan 10:50 UTC · 16:50 local" */
  function when(t, zone, withZone) {
    const local = fmtLocal(t, zone);
    const utc = fmtShort(t) + " UTC";
    if (!local) return [el("time", { datetime: new Date(t * 1000).toISOString() }, utc)];
    const sameDay = local.split(" ").slice(0, 2).join(" ") === fmtShort(t).split(" ").slice(0, 2).join(" ");
    return [el("time", { datetime: new Date(t * 1000).toISOString() }, utc),
      el("span", { class: "local" }, " · " + (sameDay ? local.split(" ")[2] : local) + " local" + (withZone ? " (" + zone + ")" : ""))];
  }

  /**
   * The narrative's steps: its sentences grouped by the events they rest on, in the narrative's
   * order. A group whose events all belong to the step before it is a part of that step told on
   * its own (a place's story: networks back days apart, Almaty's two cuts, Nur-Sultan's curfew);
   * any other group of events already told, or without events (the closing line, the country's
   * context), is a remark after the steps.
   */
  function narrativeSteps(narrative, byId) {
    const groups = [];
    const index = new Map();
    let parent = null;
    const seen = new Set();
    for (const s of narrative.sentences || []) {
      const ids = s.events || [];
      const k = ids.slice().sort().join(",");
      if (!index.has(k)) {
        const g = { ids, sentences: [], inputs: new Map(), sub: false, remark: false };
        if (ids.length && parent && ids.every((id) => parent.ids.includes(id))) g.sub = true;
        else if (ids.length === 0 || ids.every((id) => seen.has(id))) g.remark = true;
        else parent = g;
        ids.forEach((id) => seen.add(id));
        index.set(k, g);
        groups.push(g);
      }
      const g = index.get(k);
      g.sentences.push(s.text);
      for (const f of s.inputs || []) g.inputs.set(f.sha256, f);
    }
    const steps = [];
    const remarks = [];
    for (const g of groups) {
      const events = g.ids.map((id) => byId.get(id)).filter(Boolean);
      if (g.remark || events.length === 0) remarks.push(g.sentences.join(" "));
      else steps.push(Object.assign(stepOf(events, g.sentences, [...g.inputs.values()]), { sub: g.sub }));
    }
    return { steps, remarks };
  }

  /** Steps from an entity's own events: a recurring pattern is one step, any other event one. */
  function eventSteps(events) {
    const steps = [];
    const patterned = new Map();
    for (const ev of events.slice().sort((a, b) => iso(a.start) - iso(b.start))) {
      if (ev.pattern) {
        const k = ev.pattern + " " + keyOf(ev.entity);
        if (!patterned.has(k)) {
          patterned.set(k, []);
          steps.push({ pending: k });
        }
        patterned.get(k).push(ev);
      } else {
        steps.push(stepOf([ev], [], []));
      }
    }
    return steps.map((s) => (s.pending ? stepOf(patterned.get(s.pending), [], []) : s));
  }

  function stepOf(events, sentences, inputs) {
    const start = Math.min(...events.map((e) => iso(e.start)));
    const ends = events.map((e) => (e.end === null ? Infinity : iso(e.end)));
    const end = Math.max(...ends);
    // A pattern is one entity's (Nur-Sultan's curfew), not that of a step some of whose events have it.
    const one = new Set(events.map((e) => keyOf(e.entity))).size === 1;
    const patterns = one ? [...new Set(events.map((e) => e.pattern).filter(Boolean))] : [];
    const kinds = [...new Set(events.map((e) => e.kind))];
    const kind = ["blackout", "outage", "throttling", "platform-blocking"].find((k) => kinds.includes(k)) || kinds[0];
    // The event that stands for the step: the country's, else the highest score.
    const lead = events.slice().sort((a, b) => (b.entity.type === "country") - (a.entity.type === "country") || b.score - a.score)[0];
    return { events, sentences, inputs, start, end: end === Infinity ? null : end, kind, patterns, lead };
  }

  /** Where a step happened: "nationwide", regions and networks by name or count. */
  function whereOf(step) {
    const byType = { country: [], region: [], asn: [] };
    for (const e of step.events) {
      const list = byType[e.entity.type] || (byType[e.entity.type] = []);
      if (!list.some((x) => x.code === e.entity.code)) list.push(e.entity);
    }
    const parts = [];
    const country = step.events.find((e) => e.entity.type === "country");
    if (country) parts.push(country.scope === "nationwide" ? "nationwide" : country.entity.name + " (" + (country.scope || "country") + ")");
    const named = (list, one, many) => list.length <= 3
      ? list.map(Vigil.entityLabel).join(", ")
      : list.length + " " + (list.length === 1 ? one : many);
    if (byType.region.length) parts.push((parts.length ? "in " : "") + named(byType.region, "region", "regions"));
    if (byType.asn.length) parts.push("on " + named(byType.asn, "network", "networks"));
    return parts.join(", ");
  }

  /** How much: each key signal's lowest level, nationally where the country saw it. */
  function howMuch(step) {
    const parts = [];
    if (step.kind === "platform-blocking") {
      const platforms = [...new Set(step.events.flatMap((e) => e.platforms || []))].sort();
      if (platforms.length) parts.push(platforms.map(Vigil.platformLabel).join(", ") + " blocked (OONI anomalies)");
    }
    for (const [name, label] of KEY_SIGNALS) {
      const per = { country: [], asn: [], region: [] }; // {r, entity}
      for (const e of step.events) {
        for (const s of e.signals) {
          if (s.name === name && s.lowest_ratio !== null && per[e.entity.type]) per[e.entity.type].push({ r: s.lowest_ratio, entity: e.entity });
        }
      }
      const lowest = (list) => list.reduce((a, b) => (b.r < a.r ? b : a));
      const bits = [];
      const national = per.country.length ? lowest(per.country).r : null;
      if (national !== null) bits.push(pct(national) + " nationally");
      // A network or region only where it fell clearly further than the country, named.
      for (const t of ["asn", "region"]) {
        if (per[t].length && (national === null || lowest(per[t]).r < national - 0.1) && (t === "asn" || !per.asn.length)) {
          const low = lowest(per[t]);
          bits.push(pct(low.r) + (t === "asn" ? " on " : " in ") + Vigil.entityLabel(low.entity));
        }
      }
      if (bits.length) parts.push(label + " to " + bits.join(", "));
    }
    const lead = step.lead;
    if (lead.mechanism === "data-plane-cut") parts.push("routes stayed announced (a data-plane cut)");
    if (lead.mechanism === "routing-withdrawal") parts.push("routes withdrawn");
    if (lead.restoration) parts.push("restoration " + lead.restoration);
    return parts.join("; ");
  }

  /** One step of the timeline. */
  function stepItem(step, zone, first, onShow) {
    const lead = step.lead;
    const title = step.patterns.includes("curfew")
      ? [el("span", { class: "chip chip-curfew" }, "Curfew"), " ", el("strong", {}, whereOf(step)),
        " cut " + step.events.length + " times at similar clock times"]
      : [el("span", { class: "chip chip-" + step.kind }, kindLabel(step.kind)), " ", el("strong", {}, whereOf(step))];
    const until = step.end === null ? "ongoing" : "until " + fmtShort(step.end) + " UTC (" + fmtDuration(step.end - step.start) + ")";
    const occurrences = step.patterns.length && step.events.length > 1
      ? el("ul", { class: "occurrences" }, step.events.map((e) => el("li", {},
        fmtShort(iso(e.start)) + " – " + (e.end === null ? "ongoing" : fmtShort(iso(e.end))) + " UTC",
        fmtLocal(iso(e.start), zone) ? el("span", { class: "local" }, " (" + fmtLocal(iso(e.start), zone) + " – " +
          (e.end === null ? "" : fmtLocal(iso(e.end), zone)) + " local)") : null)))
      : null;
    const files = new Set(step.events.flatMap((e) => e.evidence.map((f) => f.sha256)));
    return el("li", { class: "step step-" + step.kind + (step.sub ? " sub" : ""), "data-kind": step.kind, "data-start": String(step.start) },
      el("div", { class: "when" }, when(step.start, zone, first)),
      el("div", { class: "what" }, title),
      el("div", { class: "much" }, [howMuch(step), until].filter(Boolean).join("; ") + "."),
      occurrences,
      el("div", { class: "links" },
        el("a", { href: Vigil.eventPath(lead), class: "evidence-link" }, "Evidence: " + (step.events.length > 1
          ? step.events.length + " events, " : "event " + lead.id + ", ") + files.size + " input file" + (files.size === 1 ? "" : "s")),
        " · ",
        el("button", { type: "button", class: "linkish", onclick: () => onShow(step) }, "Show on the chart"),
        step.sentences.length ? el("details", { class: "said" }, el("summary", {}, "In the narrative's words"),
          el("p", {}, step.sentences.join(" "))) : null));
  }

  /**
   * Fills the story section. {episode, narrative, detail}: the episode this page belongs to (or
   * null), its narrative and its events in full; own: the entity's own events in the range.
   */
  function render(opts) {
    const { type, entity, episode, narrative, detail, own, onShow, others } = opts;
    const head = document.getElementById("headline");
    const summary = document.getElementById("summary");
    const list = document.getElementById("timeline");
    const foot = document.getElementById("story-foot");
    const zone = zoneOf(narrative);
    if (!episode) {
      head.textContent = own.length ? "Events of " + Vigil.entityLabel(entity) : "No disruption recorded";
      summary.textContent = own.length ? own.length + " event" + (own.length === 1 ? "" : "s") + " in the range, no episode recorded."
        : "No event in this range; the signals below are at their usual level.";
      list.replaceChildren(...eventSteps(own).map((s, i) => stepItem(s, zone, i === 0, onShow)));
      foot.replaceChildren();
      return;
    }
    const byId = new Map(detail.events.map((e) => [e.id, e]));
    const mine = detail.events.filter((e) => keyOf(e.entity) === type + "/" + entity.code);
    let steps;
    let remarks = [];
    if (type === "country" && narrative) {
      ({ steps, remarks } = narrativeSteps(narrative, byId));
    } else {
      steps = eventSteps(mine);
    }
    const start = iso(episode.start);
    const end = iso(episode.end);
    const headline = headlineOf(narrative, episode.country + ": internet disruption from " + fmtTime(start) + " UTC");
    head.textContent = type === "country" ? headline : Vigil.entityLabel(entity) + " — " + headline;
    const arc = steps.filter((s) => !s.sub || s.patterns.length).map((s) => (s.patterns.includes("curfew") ? "curfew in " + whereOf(s)
      : kindLabel(s.kind).toLowerCase() + (type !== "country" ? "" : s.lead.entity.type === "country"
        ? (s.lead.scope === "nationwide" ? " (nationwide)" : "") : " in " + whereOf(s))));
    const entities = new Set(detail.events.map((e) => keyOf(e.entity)));
    const count = (t) => [...entities].filter((k) => k.startsWith(t + "/")).length;
    summary.replaceChildren(
      el("span", { class: "arc" }, arc.join(" → ")), ". ",
      fmtShort(start) + " to " + (end === null ? "ongoing" : fmtShort(end) + " UTC (" + fmtDuration(end - start) + ")") + "; " +
      detail.events.length + " events in the country, " + count("region") + " regions and " + count("asn") + " networks" +
      (zone ? "; local time is " + zone : "") + ".",
      ...(type !== "country" ? [" ", el("a", { href: "/country/" + encodeURIComponent(episode.country) }, "The whole case on the country's page →")] : []));
    list.replaceChildren(...steps.map((s, i) => stepItem(s, zone, i === 0, onShow)));
    list.dataset.steps = String(steps.length);
    foot.replaceChildren(...remarks.map((r) => el("span", {}, r + " ")),
      ...(others.length ? [el("span", {}, "Other episodes: ", others.map((o, i) => [i ? ", " : "", el("button", { type: "button", class: "linkish",
        onclick: () => onShow({ start: iso(o.start), end: iso(o.end) }) }, fmtTime(iso(o.start)))]))] : []));
  }

  /** The narrative's full text, paragraphs as written. */
  function narrativeText(box, narrative, message) {
    if (!narrative) {
      box.replaceChildren(el("p", { class: "muted" }, message));
      return;
    }
    box.replaceChildren(...String(narrative.text).split(/\n\s*\n/).map((para) => el("p", {}, para.trim())));
  }

  // --- events, grouped ---

  /** One event's rows: the event, then its evidence across the table. */
  function eventRows(ev, selected, isOwn, onFocus) {
    const start = iso(ev.start);
    const end = iso(ev.end);
    const signals = ev.signals.filter((s, i, a) => a.findIndex((x) => x.name === s.name) === i)
      // An OONI anomaly ratio rises in an event: its "lowest" level says nothing.
      .map((s) => Vigil.signalLabel(s.name) + (s.lowest_ratio === null || /^ooni\./.test(s.name) ? "" : " " + Math.round(100 * s.lowest_ratio) + " %"));
    const evidence = el("details", { class: "evidence", open: ev.id === selected },
      el("summary", {}, ev.evidence.length + " input file" + (ev.evidence.length === 1 ? "" : "s")),
      el("ul", {}, ev.evidence.map((f) => el("li", {},
        el("code", { title: "SHA-256 " + f.sha256 }, f.sha256.slice(0, 12)), " ", f.path,
        el("span", { class: "muted" }, " (" + f.format + ", " + Vigil.fmtBytes(f.size_bytes) + ", " +
          f.records.toLocaleString("en") + " records, ingested " + f.ingested_at + ")")))),
      el("p", { class: "muted" }, "Event id ", el("code", {}, ev.id), ". ",
        el("a", { href: "/api/events/" + encodeURIComponent(ev.id) }, "JSON")));
    const link = isOwn(ev)
      ? el("a", { href: "?event=" + encodeURIComponent(ev.id), onclick: (e) => { e.preventDefault(); onFocus(ev); } }, Vigil.entityLabel(ev.entity))
      : el("a", { href: Vigil.eventPath(ev) }, Vigil.entityLabel(ev.entity));
    return el("tbody", { id: "event-" + ev.id, "data-event": ev.id, class: ev.id === selected ? "selected" : null },
      el("tr", {},
        el("td", {}, link),
        el("td", {}, Vigil.kindCell(ev)),
        el("td", {}, fmtTime(start)),
        el("td", {}, end === null ? "ongoing" : fmtTime(end)),
        el("td", {}, end === null ? "" : fmtDuration(end - start)),
        el("td", {}, signals.join("; ")),
        el("td", { class: "evidence-cell" }, evidence)));
  }

  function table(caption, rows) {
    return el("div", { class: "table-wrap" }, el("table", { class: "events" },
      el("caption", { class: "sr-only" }, caption),
      el("thead", {}, el("tr", {}, ["Where", "What", "Start (UTC)", "End (UTC)", "Duration", "Signals (lowest, % of usual)", "Evidence"]
        .map((h) => el("th", { scope: "col" }, h)))),
      rows));
  }

  /** The events: the country's and its networks' first (networks grouped by kind), regions folded. */
  function events(box, all, opts) {
    const { selected, isOwn, onFocus, single } = opts;
    const byStart = (a, b) => iso(a.start) - iso(b.start);
    const rows = (list) => list.slice().sort(byStart).map((ev) => eventRows(ev, selected, isOwn, onFocus));
    const parts = [];
    const countries = all.filter((e) => e.entity.type === "country");
    const asns = all.filter((e) => e.entity.type === "asn");
    const regions = all.filter((e) => e.entity.type === "region");
    if (all.length === 0) {
      box.replaceChildren(el("p", { class: "muted" }, "No event in this range."));
      return;
    }
    if (single) {
      box.replaceChildren(table("The events", rows(all)));
      return;
    }
    if (countries.length) {
      parts.push(el("h3", {}, countries[0].entity.name + ": " + countries.length + " event" + (countries.length === 1 ? "" : "s")),
        table("The country's events", rows(countries)));
    }
    if (asns.length) {
      parts.push(el("h3", {}, "Networks: " + asns.length + " event" + (asns.length === 1 ? "" : "s")));
      const kinds = ["platform-blocking", "throttling", "blackout", "outage"].filter((k) => asns.some((e) => e.kind === k))
        .concat([...new Set(asns.map((e) => e.kind))].filter((k) => !Vigil.KINDS[k]));
      for (const k of kinds) {
        const list = asns.filter((e) => e.kind === k);
        const nets = new Set(list.map((e) => e.entity.code));
        parts.push(el("h4", {}, el("span", { class: "chip chip-" + k }, kindLabel(k)), " on " + nets.size + " network" + (nets.size === 1 ? "" : "s") +
          ", from " + fmtTime(Math.min(...list.map((e) => iso(e.start)))) + " UTC"));
        parts.push(table(kindLabel(k) + " on networks", rows(list)));
      }
    }
    if (regions.length) {
      const names = new Set(regions.map((e) => e.entity.code));
      const open = regions.some((e) => e.id === selected) || (countries.length === 0 && asns.length === 0);
      const byRegion = regions.slice().sort((a, b) => a.entity.name.localeCompare(b.entity.name) || byStart(a, b));
      parts.push(el("details", { class: "region-events", id: "region-events", open },
        el("summary", {}, "Regions: " + regions.length + " event" + (regions.length === 1 ? "" : "s") + " in " + names.size + " region" + (names.size === 1 ? "" : "s")),
        table("Events of the regions", byRegion.map((ev) => eventRows(ev, selected, isOwn, onFocus)))));
    }
    box.replaceChildren(...parts);
  }

  // --- regions ---

  /** Seconds in the union of the events' intervals. */
  function unionSeconds(list, until) {
    const spans = list.map((e) => [iso(e.start), endOf(e, until)]).sort((a, b) => a[0] - b[0]);
    let total = 0;
    let cur = null;
    for (const [a, b] of spans) {
      if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
      else {
        if (cur) total += cur[1] - cur[0];
        cur = [a, b];
      }
    }
    return total + (cur ? cur[1] - cur[0] : 0);
  }

  /** A small line of a region's series, with its cuts shaded: one of the small multiples. */
  function spark(series, cuts, from, until) {
    const W = 180;
    const H = 24;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    svg.setAttribute("class", "spark");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    const x = (t) => ((t - from) / (until - from)) * W;
    for (const e of cuts) {
      const r = document.createElementNS(ns, "rect");
      const a = Math.max(0, x(iso(e.start)));
      const b = Math.min(W, x(endOf(e, until)));
      r.setAttribute("x", a.toFixed(1));
      r.setAttribute("width", Math.max(1, b - a).toFixed(1));
      r.setAttribute("y", 0);
      r.setAttribute("height", H);
      r.setAttribute("fill", Vigil.KINDS[e.kind] ? Vigil.KINDS[e.kind].fill : "rgba(0,0,0,0.1)");
      svg.append(r);
    }
    if (series) {
      const vals = series.values.filter((v) => v !== null).sort((a, b) => a - b);
      const top = vals.length ? vals[Math.floor(vals.length * 0.9)] || 1 : 1;
      let d = "";
      let pen = false;
      series.values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        const px = x(series.from + i * series.step);
        const py = H - 2 - Math.min(1.1, v / top) * (H - 6);
        d += (pen ? "L" : "M") + px.toFixed(1) + " " + py.toFixed(1);
        pen = true;
      });
      const p = document.createElementNS(ns, "path");
      p.setAttribute("d", d);
      p.setAttribute("fill", "none");
      p.setAttribute("stroke", "#16803c");
      p.setAttribute("stroke-width", "1.2");
      svg.append(p);
    }
    return svg;
  }

  /**
   * The regions of a country: hours disrupted (blackouts and outages, not throttling), events,
   * patterns, a small line of active probing, and a box to draw the region on the chart.
   */
  function regions(opts) {
    const { list, events, series, from, until, shown, onToggle } = opts;
    const body = document.querySelector("#regions tbody");
    const rows = list.map((r) => {
      const mine = events.filter((e) => e.entity.type === "region" && e.entity.code === r.code);
      const cuts = mine.filter((e) => CUTS.has(e.kind));
      const hours = unionSeconds(cuts, until) / 3600;
      const patterns = [...new Set(mine.map((e) => e.pattern).filter(Boolean))];
      return { r, mine, cuts, hours, patterns };
    });
    rows.sort((a, b) => b.patterns.length - a.patterns.length || b.hours - a.hours || a.r.name.localeCompare(b.r.name));
    body.replaceChildren(...rows.map(({ r, mine, cuts, hours, patterns }) => {
      const cb = el("input", { type: "checkbox", checked: shown.has(r.code), "aria-label": "Draw " + r.name + " on the chart",
        "data-region": r.code });
      cb.addEventListener("change", () => onToggle(r.code, cb.checked));
      return el("tr", { "data-region": r.code, class: patterns.length ? "patterned" : null },
        el("th", { scope: "row" }, el("a", { href: Vigil.entityPath(r) }, r.name), el("span", { class: "muted" }, " " + r.code)),
        el("td", { class: "num" }, hours ? hours.toFixed(1) + " h" : "–"),
        el("td", { class: "num" }, String(mine.length)),
        el("td", {}, patterns.map((p) => el("span", { class: "chip chip-" + p }, p))),
        el("td", {}, spark(series.get(r.code), cuts, from, until)),
        el("td", {}, cb));
    }));
    const curfews = rows.filter((x) => x.patterns.includes("curfew")).map((x) => x.r.name);
    document.getElementById("regions-note").textContent = list.length + " regions with data. " +
      (curfews.length ? "Curfew pattern (cut at similar clock times on consecutive days): " + curfews.join(", ") + ". " : "") +
      "Tick a region to draw it on the chart.";
    document.getElementById("regions-section").hidden = list.length === 0;
  }

  return { render, narrativeText, events, regions, zoneOf };
})();
