// SPDX-License-Identifier: Apache-2.0
// Vigil dashboard, entity page (/country/CC, /region/CODE, /asn/N): every signal on one time axis,
// alert and event bands, the events with their evidence, the narrative and related entities. The
// view (range, values, hidden signals, selected event) lives in the URL, so a link restores it.
"use strict";

(() => {
  const { el, fmtTime, fmtDuration, fmtScore } = Vigil;
  const DAY = 86400;
  const MAX_SPAN = 100 * DAY - 1; // the API's limit on /v2/signals/raw
  const COLOURS = ["#0b57a4", "#b35c00", "#16803c", "#7b3fa0", "#00838f", "#5d4037", "#c2185b", "#37474f"];
  const [, type, rawCode] = location.pathname.split("/");
  let code = decodeURIComponent(rawCode); // made canonical (KAZ, kz: KZ) once the API answers
  let entityParam = type + "/" + code;

  const state = { from: null, until: null, mode: "norm", hide: new Set(), event: null, regions: null };
  let regionCodes = []; // a country's regions with data, drawn with it when state.regions
  let meta = null;
  let loaded = null; // {from, until, series: [...], alerts: [...], events: [...], own: [...]}
  let plot = null;
  let reloadTimer = null;
  let drawing = false; // while a chart is built, its scale changes are not the user's

  const status = (msg, isError) => {
    const s = document.getElementById("status");
    s.textContent = msg;
    s.className = isError ? "error" : "muted";
  };

  // --- URL state ---

  function readUrl() {
    const q = new URLSearchParams(location.search);
    state.from = Vigil.parseIso(q.get("from"));
    state.until = Vigil.parseIso(q.get("until"));
    state.mode = q.get("mode") === "abs" ? "abs" : "norm";
    state.hide = new Set((q.get("hide") || "").split(",").filter(Boolean));
    state.event = q.get("event");
    state.regions = q.has("regions") ? q.get("regions") !== "0" : null;
  }

  function writeUrl() {
    const q = new URLSearchParams();
    q.set("from", Vigil.isoShort(state.from));
    q.set("until", Vigil.isoShort(state.until));
    if (state.mode === "abs") q.set("mode", "abs");
    if (state.hide.size) q.set("hide", [...state.hide].sort().join(","));
    if (state.event) q.set("event", state.event);
    if (regionCodes.length) q.set("regions", state.regions ? "1" : "0");
    history.replaceState(null, "", location.pathname + "?" + q.toString());
    document.getElementById("share-url").value = location.href;
    document.getElementById("from-input").value = Vigil.toInput(state.from);
    document.getElementById("until-input").value = Vigil.toInput(state.until);
  }

  // --- data ---

  function clampRange(from, until) {
    const lo = meta.data.from;
    const hi = meta.data.until;
    until = Math.min(Math.max(until, lo + 3600), hi);
    from = Math.max(Math.min(from, until - 3600), lo);
    if (until - from > MAX_SPAN) from = until - MAX_SPAN;
    return [Math.floor(from), Math.ceil(until)];
  }

  async function load(from, until) {
    const sel = "from=" + from + "&until=" + until;
    const width = Math.max(400, document.getElementById("chart").clientWidth);
    const evQuery = type === "country" ? "country=" + encodeURIComponent(code) : "entity=" + encodeURIComponent(entityParam);
    const points = "&maxPoints=" + Math.round(width * 1.5);
    const withRegions = state.regions && regionCodes.length;
    const [signals, alerts, events, regional] = await Promise.all([
      Vigil.getData("/v2/signals/raw/" + type + "/" + encodeURIComponent(code) + "?" + sel + points),
      Vigil.getData("/v2/outages/alerts?entityType=" + type + "&entityCode=" + encodeURIComponent(code) + "&" + sel),
      Vigil.getJson("/api/events?" + evQuery + "&" + sel),
      withRegions ? Vigil.getData("/v2/signals/raw/region/" + regionCodes.map(encodeURIComponent).join(",") + "?" + sel + points) : [],
    ]);
    const own = events.filter(isOwn);
    const series = (signals[0] || []).map((s) => Object.assign(s, { label: s.datasource }));
    for (const perRegion of regional) {
      for (const s of perRegion) series.push(Object.assign(s, { label: s.entityName + ": " + s.datasource, region: true }));
    }
    loaded = { from, until, series, alerts, events, own };
    document.getElementById("dl-events").href = "/api/events.csv?" + evQuery + "&" + sel;
  }

  /** An event of this very entity (a country page also lists its regions' events). */
  function isOwn(e) {
    return e.entity.type === type && e.entity.code === code;
  }

  /** One x array over every series (they may have different steps) and one y array per series. */
  function chartData() {
    const xs = new Set();
    for (const s of loaded.series) for (let i = 0; i < s.values.length; i++) xs.add(s.from + i * s.step);
    const x = [...xs].sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const ys = loaded.series.map((s) => {
      const y = new Array(x.length).fill(null);
      const mine = loaded.events.filter((e) => e.entity.type === s.entityType && e.entity.code === s.entityCode);
      const scale = state.mode === "norm" ? median(s, mine) : 1;
      s.values.forEach((v, i) => {
        if (v !== null) y[index.get(s.from + i * s.step)] = scale ? (state.mode === "norm" ? (100 * v) / scale : v) : null;
      });
      return y;
    });
    return [x, ...ys];
  }

  /** The median of a series outside the given events: its usual level, 100 % when normalised. */
  function median(s, events) {
    const spans = events.map((e) => [Vigil.parseIso(e.start), e.end === null ? Infinity : Vigil.parseIso(e.end)]);
    const outside = s.values.filter((x, i) => {
      const t = s.from + i * s.step;
      return x !== null && !spans.some(([a, b]) => t >= a && t < b);
    });
    const v = (outside.length ? outside : s.values.filter((x) => x !== null)).sort((a, b) => a - b);
    if (v.length === 0) return null;
    const m = v[Math.floor(v.length / 2)];
    return m === 0 ? null : m;
  }

  /** Alert intervals per level: from each non-normal alert to the next alert of its series. */
  function alertBands() {
    const bySeries = new Map();
    for (const a of loaded.alerts) {
      if (!bySeries.has(a.datasource)) bySeries.set(a.datasource, []);
      bySeries.get(a.datasource).push(a);
    }
    const bands = [];
    for (const list of bySeries.values()) {
      list.sort((a, b) => a.time - b.time);
      list.forEach((a, i) => {
        if (a.level === "normal") return;
        const end = i + 1 < list.length ? list[i + 1].time : loaded.until;
        bands.push({ level: a.level, from: a.time, until: end });
      });
    }
    return bands;
  }

  // --- chart ---

  function bandsPlugin() {
    return {
      hooks: {
        drawClear: (u) => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const x = (t) => Math.min(Math.max(u.valToPos(t, "x", true), left), left + width);
          ctx.save();
          for (const ev of loaded.own) {
            const s = Vigil.parseIso(ev.start);
            const e = ev.end === null ? loaded.until : Vigil.parseIso(ev.end);
            ctx.fillStyle = ev.id === state.event ? "rgba(179, 38, 30, 0.24)" : "rgba(179, 38, 30, 0.13)";
            ctx.fillRect(x(s), top, Math.max(1, x(e) - x(s)), height);
          }
          const strip = Math.round(8 * devicePixelRatio);
          for (const b of alertBands()) {
            ctx.fillStyle = b.level === "critical" ? "#b3261e" : "#e8a33d";
            ctx.fillRect(x(b.from), top + (b.level === "critical" ? 0 : strip), Math.max(1, x(b.until) - x(b.from)), strip);
          }
          ctx.restore();
        },
      },
    };
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** Time axis labels in UTC: "5 Jan" on whole days, "10:00" within a day (with the date at 00:00). */
  function timeTicks(u, splits, axisIdx, space, incr) {
    let lastDay = null;
    return splits.map((t) => {
      const d = new Date(t * 1000);
      const day = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
      const dayYear = day + (d.getUTCMonth() === 0 && d.getUTCDate() <= 7 ? " " + d.getUTCFullYear() : "");
      if (incr >= DAY) return dayYear;
      const hm = String(d.getUTCHours()).padStart(2, "0") + ":" + String(d.getUTCMinutes()).padStart(2, "0");
      const first = lastDay !== day;
      lastDay = day;
      return first || hm === "00:00" ? hm + "\n" + day : hm;
    });
  }

  function chartOptions(width) {
    const norm = state.mode === "norm";
    const series = [{ label: "Time (UTC)", value: (u, v) => (v === null ? "" : fmtTime(v)) }];
    const axes = [{ space: 80, values: timeTicks }];
    const scales = { x: { time: true } };
    loaded.series.forEach((s, i) => {
      const scale = norm ? "pct" : "abs:" + s.datasource; // one unit per signal name
      series.push({
        label: s.label,
        scale,
        stroke: COLOURS[i % COLOURS.length],
        width: s.region ? 1 : 2,
        dash: s.region ? [5, 3] : undefined,
        spanGaps: false,
        show: !state.hide.has(s.label),
        value: (u, v) => (v === null ? "–" : norm ? v.toFixed(1) + " %" : v.toLocaleString("en", { maximumFractionDigits: 1 })),
      });
      if (!norm && !scales[scale]) {
        const n = Object.keys(scales).length - 1; // scales before this one, x aside
        scales[scale] = { range: (u, lo, hi) => [0, hi > 0 ? hi * 1.05 : 1] };
        if (n < 2) {
          axes.push({ scale, side: n === 0 ? 3 : 1, label: s.datasource, stroke: COLOURS[i], grid: { show: n === 0 }, size: 70 });
        }
      }
    });
    if (norm) {
      scales.pct = { range: (u, lo, hi) => [0, Math.max(120, Math.ceil((hi || 100) / 20) * 20)] };
      axes.push({ scale: "pct", label: "% of usual level (median outside events)", values: (u, vals) => vals.map((v) => v + " %"), size: 60 });
    }
    return {
      width,
      height: Math.max(300, Math.min(440, Math.round(width * 0.42))),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      series, axes, scales,
      cursor: { drag: { x: true, y: false, setScale: true } },
      plugins: [bandsPlugin()],
      hooks: {
        setScale: [(u, key) => {
          if (drawing || key !== "x" || u.scales.x.min === null) return;
          state.from = Math.floor(u.scales.x.min);
          state.until = Math.ceil(u.scales.x.max);
          writeUrl();
          const box = document.getElementById("chart");
          box.dataset.from = String(state.from);
          box.dataset.until = String(state.until);
          scheduleReload();
        }],
      },
    };
  }

  function draw() {
    const box = document.getElementById("chart");
    const data = chartData();
    if (plot) plot.destroy();
    box.replaceChildren();
    if (loaded.series.length === 0) {
      box.append(el("p", { class: "muted" }, "No signal is stored for this entity in this range."));
      box.dataset.points = "0";
      box.dataset.series = "0";
      return;
    }
    // Keep the view the URL asked for, even where the data starts later.
    const want = { min: state.from, max: state.until };
    drawing = true;
    try {
      plot = new uPlot(chartOptions(box.clientWidth - 10), data, box);
      plot.setScale("x", want);
    } finally {
      drawing = false;
    }
    let points = 0;
    for (let i = 1; i < data.length; i++) points += data[i].filter((v) => v !== null).length;
    box.dataset.points = String(points);
    box.dataset.series = String(loaded.series.length);
    box.dataset.eventBands = String(loaded.own.length);
    box.dataset.alertBands = String(alertBands().length);
    box.dataset.from = String(state.from);
    box.dataset.until = String(state.until);
    toggles();
  }

  /** After a zoom or pan, reload when the view left the loaded data or the data was thinned. */
  function scheduleReload() {
    clearTimeout(reloadTimer);
    const box = document.getElementById("chart");
    box.dataset.pending = "1"; // until the view has the data it needs (tests wait on it)
    reloadTimer = setTimeout(async () => {
      const thinned = loaded.series.some((s) => s.step > s.nativeStep);
      const outside = state.from < loaded.from || state.until > loaded.until;
      if (thinned || outside) await refresh(false);
      delete box.dataset.pending;
    }, 300);
  }

  function toggles() {
    const box = document.getElementById("signal-toggles");
    box.replaceChildren(...loaded.series.map((s, i) => {
      const cb = el("input", { type: "checkbox", checked: !state.hide.has(s.label) });
      cb.addEventListener("change", () => {
        if (cb.checked) state.hide.delete(s.label);
        else state.hide.add(s.label);
        plot.setSeries(i + 1, { show: cb.checked });
        writeUrl();
      });
      const step = s.step === s.nativeStep ? fmtDuration(s.step) : fmtDuration(s.step) + " means of " + fmtDuration(s.nativeStep);
      return el("label", {}, cb, el("span", { class: "sw", style: "background:" + COLOURS[i % COLOURS.length] }), s.label,
        el("span", { class: "muted" }, " (" + step + ")"));
    }));
    if (regionCodes.length) {
      const cb = el("input", { type: "checkbox", id: "show-regions", checked: !!state.regions });
      cb.addEventListener("change", () => {
        state.regions = cb.checked;
        writeUrl();
        refresh(false);
      });
      box.append(el("label", { class: "regions-toggle" }, cb, " with its " + regionCodes.length + " regions (dashed)"));
    }
  }

  function zoom(factor, centre) {
    const span = (state.until - state.from) * factor;
    const c = centre === undefined ? (state.from + state.until) / 2 : centre;
    setView(c - span / 2, c + span / 2);
  }

  function pan(fraction) {
    const d = (state.until - state.from) * fraction;
    setView(state.from + d, state.until + d);
  }

  function setView(from, until) {
    const [f, u] = clampRange(from, until);
    if (plot) plot.setScale("x", { min: f, max: u });
  }

  // --- events, narrative, related ---

  function eventTable() {
    const table = document.getElementById("events");
    const events = loaded.events.slice().sort((a, b) => Vigil.parseIso(a.start) - Vigil.parseIso(b.start));
    for (const b of table.querySelectorAll("tbody")) b.remove();
    if (events.length === 0) {
      table.append(el("tbody", {}, el("tr", {}, el("td", { colspan: 7 }, "No event in this range."))));
    } else {
      table.append(...events.map(eventRows));
    }
    const jumps = document.getElementById("event-jumps");
    jumps.replaceChildren(...(loaded.own.length ? [el("span", { class: "label" }, "Zoom to")] : []),
      ...loaded.own.map((ev) => el("button", { type: "button", onclick: () => focusEvent(ev) },
        ev.kind + " " + fmtTime(Vigil.parseIso(ev.start)))));
  }

  /** An event's rows: the event, then its evidence across the table. */
  function eventRows(ev) {
    const start = Vigil.parseIso(ev.start);
    const end = Vigil.parseIso(ev.end);
    const signals = ev.signals.map((s) => s.name + " " + (s.lowest_ratio === null ? "" : Math.round(100 * s.lowest_ratio) + " %"));
    const evidence = el("details", { class: "evidence", open: ev.id === state.event },
      el("summary", {}, ev.evidence.length + " input file" + (ev.evidence.length === 1 ? "" : "s")),
      el("ul", {}, ev.evidence.map((f) => el("li", {},
        el("code", { title: "SHA-256 " + f.sha256 }, f.sha256.slice(0, 12)), " ", f.path,
        el("span", { class: "muted" }, " (" + f.format + ", " + Vigil.fmtBytes(f.size_bytes) + ", " +
          f.records.toLocaleString("en") + " records, ingested " + f.ingested_at + ")")))),
      el("p", { class: "muted" }, "Event id ", el("code", {}, ev.id), ". ",
        el("a", { href: "/api/events/" + encodeURIComponent(ev.id) }, "JSON")));
    const here = isOwn(ev);
    return el("tbody", { id: "event-" + ev.id, "data-event": ev.id, class: ev.id === state.event ? "selected" : null }, el("tr", {},
      el("td", {}, here ? el("a", { href: "?event=" + encodeURIComponent(ev.id), onclick: (e) => { e.preventDefault(); focusEvent(ev); } }, Vigil.entityLabel(ev.entity))
        : el("a", { href: Vigil.eventPath(ev) }, Vigil.entityLabel(ev.entity))),
      el("td", {}, Vigil.kindCell(ev)),
      el("td", {}, fmtTime(start)),
      el("td", {}, end === null ? "ongoing" : fmtTime(end)),
      el("td", {}, end === null ? "" : fmtDuration(end - start)),
      el("td", {}, signals.join("; ")),
      el("td", { class: "num" }, fmtScore(ev.score))),
      el("tr", { class: "evidence-row" }, el("td", { colspan: 7 }, evidence)));
  }

  /** The view of an event: it, with a margin on each side. */
  function eventView(ev) {
    const s = Vigil.parseIso(ev.start);
    const e = ev.end === null ? meta.data.until : Vigil.parseIso(ev.end);
    const margin = Math.max(6 * 3600, (e - s) * 0.5);
    return clampRange(s - margin, e + margin);
  }

  /** Selects an event and shows it. */
  function focusEvent(ev) {
    state.event = ev.id;
    [state.from, state.until] = eventView(ev);
    writeUrl();
    refresh(true);
  }

  function summary() {
    const own = loaded.own;
    const p = document.getElementById("summary");
    const names = loaded.series.filter((s) => !s.region).map((s) => s.datasource);
    const parts = [names.length + " signal" + (names.length === 1 ? "" : "s") + (names.length ? " (" + names.join(", ") + ")" : "")];
    if (own.length) {
      const worst = own.slice().sort((a, b) => b.score - a.score)[0];
      const s = Vigil.parseIso(worst.start);
      const e = Vigil.parseIso(worst.end);
      parts.push(own.length + " event" + (own.length === 1 ? "" : "s") + " in this range; the largest a " + worst.scope + " " + worst.kind +
        " from " + fmtTime(s) + (e === null ? ", still ongoing at the end of the data" : " to " + fmtTime(e) + " UTC (" + fmtDuration(e - s) + ")"));
    } else {
      parts.push("no event in this range");
    }
    p.textContent = parts.join("; ") + ".";
  }

  async function narrative() {
    const box = document.getElementById("narrative");
    const q = type === "country" ? "country=" + encodeURIComponent(code) : "entity=" + encodeURIComponent(entityParam);
    let episodes;
    try {
      episodes = await Vigil.getJson("/api/episodes?" + q);
    } catch (e) {
      box.replaceChildren(el("p", { class: "muted" }, e.status === 404 && /no such endpoint/.test(e.message)
        ? "This server does not write narratives yet; the events below are what was detected."
        : "No narrative: " + e.message));
      return;
    }
    const list = Array.isArray(episodes) ? episodes : episodes && Array.isArray(episodes.data) ? episodes.data : [];
    if (list.length === 0) {
      box.replaceChildren(el("p", { class: "muted" }, "No episode recorded for this entity."));
      return;
    }
    const parts = [];
    for (const ep of list.slice(0, 5)) {
      const id = ep.id || ep.episode_id;
      let text = ep.narrative || ep.summary || "";
      if (id) {
        try {
          const r = await fetch("/api/episodes/" + encodeURIComponent(id) + "/narrative");
          if (r.ok) {
            const ct = r.headers.get("Content-Type") || "";
            if (ct.includes("json")) {
              const j = await r.json();
              text = typeof j === "string" ? j : j.text || j.narrative || j.markdown || JSON.stringify(j);
            } else {
              text = await r.text();
            }
          }
        } catch (e) {
          // keep the episode's own summary
        }
      }
      parts.push(el("article", { class: "episode" },
        el("h3", {}, "Episode " + (ep.start ? ep.start : "") + (ep.end ? " to " + ep.end : "")),
        ...String(text).split(/\n\s*\n/).map((para) => el("p", {}, para.trim()))));
    }
    box.replaceChildren(...parts);
  }

  async function related(ents) {
    const box = document.getElementById("related");
    const items = [];
    const withData = ents.filter((e) => e.attrs.datasources.length);
    const without = ents.filter((e) => !e.attrs.datasources.length);
    const link = (e) => el("li", {}, el("a", { href: Vigil.entityPath(e) }, Vigil.entityLabel(e)),
      e.attrs.datasources.length ? el("span", { class: "muted" }, " (" + e.attrs.datasources.join(", ") + ")") : null);
    const regions = withData.filter((e) => e.type === "region");
    const countries = withData.filter((e) => e.type === "country").concat(without.filter((e) => e.type === "country"));
    const asns = withData.filter((e) => e.type === "asn");
    if (countries.length) items.push(el("h3", {}, "Country"), el("ul", { class: "related" }, countries.map(link)));
    if (type === "country") {
      items.push(el("h3", {}, "Regions with data"),
        regions.length ? el("ul", { class: "related" }, regions.map(link)) : el("p", { class: "muted" }, "None stored."));
      if (without.filter((e) => e.type === "region").length) {
        items.push(el("details", {}, el("summary", {}, "Regions without data (" + without.filter((e) => e.type === "region").length + ")"),
          el("ul", { class: "related" }, without.filter((e) => e.type === "region").map(link))));
      }
      items.push(el("h3", {}, "Networks"),
        asns.length ? el("ul", { class: "related" }, asns.map(link))
          : el("p", { class: "muted" }, "The store does not record which networks serve this country yet."));
    }
    if (items.length === 0) items.push(el("p", { class: "muted" }, "Nothing related is recorded."));
    box.replaceChildren(...items);
    if (type === "region" && countries.length) {
      document.getElementById("crumbs").append(el("a", { href: Vigil.entityPath(countries[0]) }, countries[0].name));
    }
  }

  // --- downloads ---

  /** The loaded signals in the view, absolute values, one column per signal. */
  function csv() {
    const mode = state.mode;
    state.mode = "abs";
    const abs = chartData();
    state.mode = mode;
    const head = ["time_utc", "unix"].concat(loaded.series.map((s) => (s.region ? s.entityCode + ":" : "") + s.datasource));
    const lines = [head.join(",")];
    for (let i = 0; i < abs[0].length; i++) {
      const t = abs[0][i];
      if (t < state.from || t >= state.until) continue;
      lines.push([new Date(t * 1000).toISOString().replace(".000Z", "Z"), t].concat(abs.slice(1).map((y) => (y[i] === null ? "" : y[i]))).join(","));
    }
    Vigil.download("vigil-" + type + "-" + code + "-" + Vigil.isoShort(state.from) + ".csv", new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
  }

  function png() {
    const src = plot.ctx.canvas;
    const pad = 16 * devicePixelRatio;
    const lineH = 22 * devicePixelRatio;
    const out = document.createElement("canvas");
    out.width = src.width + 2 * pad;
    out.height = src.height + 3 * lineH + 2 * pad;
    const c = out.getContext("2d");
    c.fillStyle = "#fff";
    c.fillRect(0, 0, out.width, out.height);
    c.fillStyle = "#1b1f24";
    c.font = (16 * devicePixelRatio) + "px sans-serif";
    c.fillText(document.getElementById("entity-name").textContent + ": " + fmtTime(state.from) + " to " + fmtTime(state.until) + " UTC" +
      (state.mode === "norm" ? ", % of median" : ""), pad, pad + lineH * 0.7);
    c.drawImage(src, pad, pad + lineH);
    let x = pad;
    const y = pad + lineH + src.height + lineH * 0.8;
    c.font = (13 * devicePixelRatio) + "px sans-serif";
    loaded.series.forEach((s, i) => {
      if (state.hide.has(s.label)) return;
      c.fillStyle = COLOURS[i % COLOURS.length];
      c.fillRect(x, y - 8 * devicePixelRatio, 14 * devicePixelRatio, 4 * devicePixelRatio);
      c.fillStyle = "#1b1f24";
      c.fillText(s.label, x + 18 * devicePixelRatio, y);
      x += c.measureText(s.label).width + 40 * devicePixelRatio;
    });
    const banner = document.getElementById("dataset-banner");
    c.fillStyle = banner ? "#8a5300" : "#4d5560";
    c.fillText((banner ? banner.textContent.trim() + " " : "") + "Red bands: events. Vigil, " + location.host, pad, y + lineH);
    out.toBlob((blob) => Vigil.download("vigil-" + type + "-" + code + ".png", blob), "image/png");
  }

  // --- wiring ---

  async function refresh(redraw) {
    status("Loading…");
    try {
      await load(state.from, state.until);
    } catch (e) {
      status("Could not load the data: " + e.message, true);
      return;
    }
    draw();
    eventTable();
    summary();
    status("");
    if (redraw && state.event) {
      const row = document.getElementById("event-" + state.event);
      if (row) row.scrollIntoView({ block: "nearest" });
    }
  }

  function wire() {
    for (const b of document.querySelectorAll("[data-range]")) {
      b.addEventListener("click", () => {
        const r = b.dataset.range;
        const until = meta.data.until;
        const from = r === "all" ? meta.data.from : until - Number(r) * DAY;
        [state.from, state.until] = clampRange(from, until);
        writeUrl();
        refresh(true);
      });
    }
    document.getElementById("range-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const f = Vigil.fromInput(document.getElementById("from-input").value);
      const u = Vigil.fromInput(document.getElementById("until-input").value);
      if (Number.isNaN(f) || Number.isNaN(u) || f >= u) {
        status("Give a start before the end.", true);
        return;
      }
      [state.from, state.until] = clampRange(f, u);
      writeUrl();
      refresh(true);
    });
    for (const r of document.querySelectorAll("input[name=mode]")) {
      r.checked = r.value === state.mode;
      r.addEventListener("change", () => {
        state.mode = r.value;
        writeUrl();
        draw();
      });
    }
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(2));
    document.getElementById("pan-left").addEventListener("click", () => pan(-0.25));
    document.getElementById("pan-right").addEventListener("click", () => pan(0.25));
    document.getElementById("zoom-reset").addEventListener("click", () => setView(meta.data.from, meta.data.until));
    document.getElementById("chart").addEventListener("keydown", (e) => {
      const keys = { "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), ArrowLeft: () => pan(-0.25),
        ArrowRight: () => pan(0.25), "0": () => setView(meta.data.from, meta.data.until) };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
    document.getElementById("dl-csv").addEventListener("click", csv);
    document.getElementById("dl-png").addEventListener("click", png);
    document.getElementById("share").addEventListener("click", async () => {
      const input = document.getElementById("share-url");
      input.value = location.href;
      input.select();
      try {
        await navigator.clipboard.writeText(location.href);
        status("Link copied: it opens this range, these values and these signals.");
      } catch (e) {
        status("Copy the selected link.");
      }
    });
    let width = document.getElementById("chart").clientWidth;
    window.addEventListener("resize", () => {
      const w = document.getElementById("chart").clientWidth;
      if (plot && Math.abs(w - width) > 20) {
        width = w;
        draw();
      }
    });
  }

  async function main() {
    readUrl();
    // One round of requests before the data: the dataset, the entity, and what is related to it.
    const [m, found, rel] = await Promise.all([
      Vigil.meta(),
      Vigil.getData("/v2/entities/query?entityType=" + type + "&entityCode=" + encodeURIComponent(code)),
      Vigil.getData("/v2/entities/query?relatedTo=" + encodeURIComponent(entityParam)),
    ]);
    meta = m;
    if (found.length) {
      code = found[0].code;
      entityParam = type + "/" + code;
    }
    if (type === "country") document.getElementById("feed-link").href = "/feeds/country/" + encodeURIComponent(code.toUpperCase()) + ".atom";
    if (meta.data.until === null) {
      document.getElementById("summary").textContent = "The store holds no series yet.";
      return;
    }
    let selected = null;
    if (state.event) {
      try {
        selected = await Vigil.getJson("/api/events/" + encodeURIComponent(state.event));
      } catch (e) {
        status("No event " + state.event + ": " + e.message, true);
        state.event = null;
      }
    }
    if (state.from === null || state.until === null) {
      [state.from, state.until] = selected ? eventView(selected) : [meta.data.until - 60 * DAY, meta.data.until];
    }
    [state.from, state.until] = clampRange(state.from, state.until);
    if (type === "country") {
      regionCodes = rel.filter((e) => e.type === "region" && e.attrs.datasources.length).map((e) => e.code);
      if (state.regions === null) state.regions = regionCodes.length > 0 && regionCodes.length <= 6;
    }
    writeUrl();
    wire();
    await refresh(true);
    narrative();
    related(rel).catch((e) => {
      document.getElementById("related").replaceChildren(el("p", { class: "error" }, e.message));
    });
  }

  main().catch((e) => {
    document.getElementById("summary").replaceChildren(el("span", { class: "error" }, "Could not load: " + e.message));
  });
})();
