// SPDX-License-Identifier: Apache-2.0
// Vigil dashboard, entity page (/country/CC, /region/CODE, /asn/N): the episode told as a
// timeline, the signals an analyst reads in stacked panels on one time axis with event bands
// coloured by kind, the events grouped, and a country's regions. The view (range, values, signals,
// regions, selected event) lives in the URL, so a link restores it.
"use strict";

(() => {
  const { el, fmtTime, fmtDuration } = Vigil;
  const iso = Vigil.parseIso;
  const DAY = 86400;
  const MAX_SPAN = 100 * DAY - 1; // the API's limit on /v2/signals/raw
  /** The signals drawn by default (with the OONI anomaly ratios); the rest are a toggle away. */
  const CONNECTIVITY = ["traffic.requests", "probe.up_slash24", "bgp.visible_slash24"];
  const isOoniRatio = (n) => /^ooni\..+\.anomaly_ratio$/.test(n);
  const COLOURS = { "traffic.requests": "#0b57a4", "probe.up_slash24": "#16803c", "bgp.visible_slash24": "#4d5560" };
  const PLATFORM_COLOURS = { whatsapp: "#16803c", telegram: "#0b57a4", signal: "#7b3fa0", web: "#8a5300" };
  const PALETTE = ["#b35c00", "#00838f", "#c2185b", "#5d4037", "#37474f", "#7b3fa0", "#0b57a4", "#16803c"];
  /** Band kinds per panel, most severe first: a band hides the less severe ones beneath it. */
  const PANELS = [
    { id: "conn", title: "Connectivity", kinds: ["blackout", "outage", "throttling"] },
    { id: "ooni", title: "Platforms: OONI measurements with anomalies", kinds: ["platform-blocking"] },
    { id: "more", title: "More signals", kinds: ["blackout", "outage", "throttling", "platform-blocking"] },
  ];
  const [, type, rawCode] = location.pathname.split("/");
  let code = decodeURIComponent(rawCode); // made canonical (KAZ, kz: KZ) once the API answers
  let entityParam = type + "/" + code;

  const state = { from: null, until: null, mode: "norm", hide: new Set(), more: new Set(), event: null, regions: new Set(), alerts: false };
  let meta = null;
  let entity = null;
  let datasources = [];
  let regionList = []; // a country's regions with data
  let episodes = []; // the episodes this entity is part of
  let bandEntities = []; // whose events make the bands: the entity, and a country's networks
  let loaded = null; // {from, until, series, bands, alerts}
  let plots = [];
  let reloadTimer = null;
  let drawing = false; // while charts are built or synced, their scale changes are not the user's

  const status = (msg, isError) => {
    const s = document.getElementById("status");
    s.textContent = msg;
    s.className = isError ? "error" : "muted";
  };

  // --- URL state ---

  function readUrl() {
    const q = new URLSearchParams(location.search);
    const list = (k) => new Set((q.get(k) || "").split(",").filter(Boolean));
    state.from = iso(q.get("from"));
    state.until = iso(q.get("until"));
    state.mode = q.get("mode") === "abs" ? "abs" : "norm";
    state.hide = list("hide");
    state.more = list("more");
    state.event = q.get("event");
    const regions = q.get("regions");
    state.regions = regions === "1" || regions === "all" ? "all" : list("regions");
    if (state.regions instanceof Set) state.regions.delete("0");
    state.alerts = q.get("alerts") === "1";
  }

  function writeUrl() {
    const q = new URLSearchParams();
    q.set("from", Vigil.isoShort(state.from));
    q.set("until", Vigil.isoShort(state.until));
    if (state.mode === "abs") q.set("mode", "abs");
    if (state.hide.size) q.set("hide", [...state.hide].sort().join(","));
    if (state.more.size) q.set("more", [...state.more].sort().join(","));
    if (state.event) q.set("event", state.event);
    const regions = shownRegions();
    if (regions.length) q.set("regions", regions.length === regionList.length && regions.length > 1 ? "all" : regions.join(","));
    if (state.alerts) q.set("alerts", "1");
    history.replaceState(null, "", location.pathname + "?" + q.toString());
    document.getElementById("share-url").value = location.href;
    document.getElementById("from-input").value = Vigil.toInput(state.from);
    document.getElementById("until-input").value = Vigil.toInput(state.until);
  }

  function shownRegions() {
    return state.regions === "all" ? regionList.map((r) => r.code) : regionList.map((r) => r.code).filter((c) => state.regions.has(c));
  }

  // --- signals ---

  /** The default signals of the entity: connectivity and OONI anomaly ratios, or all it has. */
  function defaults() {
    const d = datasources.filter((n) => CONNECTIVITY.includes(n) || isOoniRatio(n));
    return d.length ? d : datasources.slice();
  }

  function extras() {
    const d = new Set(defaults());
    return datasources.filter((n) => !d.has(n));
  }

  function panelOf(name) {
    if (isOoniRatio(name)) return "ooni";
    if (defaults().includes(name)) return "conn";
    return "more";
  }

  function colourOf(name, i) {
    const m = /^ooni\.([^.]+)\./.exec(name);
    return COLOURS[name] || (m && PLATFORM_COLOURS[m[1]]) || PALETTE[i % PALETTE.length];
  }

  /** Platforms blocked in the bands' events: their anomaly ratios are drawn, the others toggled. */
  function blockedPlatforms() {
    const p = new Set(loaded.bandEvents.flatMap((e) => e.platforms || []));
    return p.size ? p : null;
  }

  function isShown(s) {
    if (s.region) return true;
    if (state.more.has(s.datasource)) return true;
    if (state.hide.has(s.datasource)) return false;
    if (isOoniRatio(s.datasource)) {
      const blocked = blockedPlatforms();
      return !blocked || blocked.has(s.datasource.split(".")[1]);
    }
    return !extras().includes(s.datasource);
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

  function chartWidth() {
    return Math.max(300, document.getElementById("chart").clientWidth - 10);
  }

  /** The chart's data: the signals shown (only those: the rest is fetched when asked for), bands. */
  async function load(from, until) {
    const sel = "from=" + from + "&until=" + until;
    const points = "&maxPoints=" + chartWidth();
    const names = defaults().concat(extras().filter((n) => state.more.has(n)));
    const regions = shownRegions();
    const regionSignals = CONNECTIVITY.filter((n) => regionList.some((r) => r.attrs.datasources.includes(n))).slice(0, 2);
    const [signals, bandEvents, regional, alerts] = await Promise.all([
      names.length ? Vigil.getData("/v2/signals/raw/" + type + "/" + encodeURIComponent(code) + "?" + sel + points +
        "&datasource=" + names.map(encodeURIComponent).join(",")) : [[]],
      Vigil.getJson("/api/events?entity=" + bandEntities.map(encodeURIComponent).join(",") + "&" + sel),
      regions.length && regionSignals.length ? Vigil.getData("/v2/signals/raw/region/" + regions.map(encodeURIComponent).join(",") + "?" + sel +
        points + "&datasource=" + regionSignals.join(",")) : [],
      state.alerts ? Vigil.getData("/v2/outages/alerts?entityType=" + type + "&entityCode=" + encodeURIComponent(code) + "&" + sel) : [],
    ]);
    const series = (signals[0] || []).map((s, i) => Object.assign(s, {
      label: Vigil.signalLabel(s.datasource), panel: panelOf(s.datasource), colour: colourOf(s.datasource, i),
    }));
    regional.forEach((perRegion, r) => {
      for (const s of perRegion) {
        series.push(Object.assign(s, { label: s.entityName + ": " + Vigil.signalLabel(s.datasource), panel: "conn", region: true,
          colour: PALETTE[r % PALETTE.length], dash: s.datasource === "traffic.requests" ? [6, 3] : [2, 3] }));
      }
    });
    loaded = { from, until, series, bandEvents, alerts };
    document.getElementById("dl-events").href = "/api/events.csv?" +
      (type === "country" ? "country=" + encodeURIComponent(code) : "entity=" + encodeURIComponent(entityParam)) + "&" + sel;
  }

  function isOwn(e) {
    return e.entity.type === type && e.entity.code === code;
  }

  /** The merged intervals of each kind of event in the bands. */
  function bandIntervals() {
    const out = [];
    for (const kind of Object.keys(Vigil.KINDS)) {
      const spans = loaded.bandEvents.filter((e) => e.kind === kind)
        .map((e) => [iso(e.start), e.end === null ? loaded.until : iso(e.end)]).sort((a, b) => a[0] - b[0]);
      let cur = null;
      for (const [a, b] of spans) {
        if (cur && a <= cur.end) cur.end = Math.max(cur.end, b);
        else {
          cur = { kind, start: a, end: b };
          out.push(cur);
        }
      }
    }
    return out;
  }

  /** Intervals of a kind less what more severe kinds of the panel cover, so bands never mix. */
  function panelBands(panel) {
    const all = bandIntervals();
    const drawn = [];
    panel.kinds.forEach((kind, rank) => {
      const above = all.filter((b) => panel.kinds.indexOf(b.kind) >= 0 && panel.kinds.indexOf(b.kind) < rank);
      for (const b of all.filter((x) => x.kind === kind)) {
        let pieces = [[b.start, b.end]];
        for (const a of above) {
          pieces = pieces.flatMap(([s, e]) => (a.end <= s || a.start >= e ? [[s, e]]
            : [[s, a.start], [a.end, e]].filter(([x, y]) => y > x)));
        }
        pieces.forEach(([s, e]) => drawn.push({ kind, start: s, end: e }));
      }
    });
    return drawn;
  }

  /** The usual level of a series: its median outside the bands' events. */
  function median(s) {
    const spans = loaded.bandEvents.map((e) => [iso(e.start), e.end === null ? Infinity : iso(e.end)]);
    const outside = s.values.filter((x, i) => {
      const t = s.from + i * s.step;
      return x !== null && !spans.some(([a, b]) => t >= a && t < b);
    });
    const v = (outside.length ? outside : s.values.filter((x) => x !== null)).sort((a, b) => a - b);
    if (v.length === 0) return null;
    const m = v[Math.floor(v.length / 2)];
    return m === 0 ? null : m;
  }

  /** One x array over the series (they may have different steps) and one y array per series. */
  function chartData(list, mode) {
    const xs = new Set();
    for (const s of list) for (let i = 0; i < s.values.length; i++) xs.add(s.from + i * s.step);
    const x = [...xs].sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const ys = list.map((s) => {
      const y = new Array(x.length).fill(null);
      const ooni = isOoniRatio(s.datasource);
      const scale = mode === "norm" && !ooni ? median(s) : 1;
      s.values.forEach((v, i) => {
        if (v === null) return;
        y[index.get(s.from + i * s.step)] = ooni ? 100 * v : mode === "norm" ? (scale ? (100 * v) / scale : null) : v;
      });
      return y;
    });
    return [x, ...ys];
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
        bands.push({ level: a.level, from: a.time, until: i + 1 < list.length ? list[i + 1].time : loaded.until });
      });
    }
    return bands;
  }

  // --- chart ---

  function bandsPlugin(panel) {
    return {
      hooks: {
        drawClear: (u) => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const x = (t) => Math.min(Math.max(u.valToPos(t, "x", true), left), left + width);
          ctx.save();
          for (const b of panelBands(panel)) {
            ctx.fillStyle = Vigil.KINDS[b.kind].fill;
            ctx.fillRect(x(b.start), top, Math.max(1, x(b.end) - x(b.start)), height);
          }
          const sel = loaded.bandEvents.find((e) => e.id === state.event);
          if (sel) {
            ctx.strokeStyle = "#1b1f24";
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            const s = iso(sel.start);
            const e = sel.end === null ? loaded.until : iso(sel.end);
            ctx.strokeRect(x(s), top + 1, Math.max(1, x(e) - x(s)), height - 2);
          }
          if (panel.id === "conn" && state.alerts) {
            const strip = Math.round(6 * devicePixelRatio);
            for (const b of alertBands()) {
              ctx.fillStyle = b.level === "critical" ? "#b3261e" : "#e8a33d";
              ctx.fillRect(x(b.from), top + (b.level === "critical" ? 0 : strip), Math.max(1, x(b.until) - x(b.from)), strip);
            }
          }
          ctx.restore();
        },
      },
    };
  }

  /** Time axis labels in UTC: "5 Jan" on whole days, "10:00" within a day (with the date at 00:00). */
  function timeTicks(u, splits, axisIdx, space, incr) {
    let lastDay = null;
    return splits.map((t) => {
      const d = new Date(t * 1000);
      const day = d.getUTCDate() + " " + Vigil.MONTHS[d.getUTCMonth()];
      if (incr >= DAY) return day;
      const hm = String(d.getUTCHours()).padStart(2, "0") + ":" + String(d.getUTCMinutes()).padStart(2, "0");
      const first = lastDay !== day;
      lastDay = day;
      return first || hm === "00:00" ? hm + "\n" + day : hm;
    });
  }

  function panelOptions(panel, list, width, last) {
    const norm = state.mode === "norm" || panel.id === "ooni";
    const unit = panel.id === "ooni" ? "% anomalous" : "% of usual";
    const series = [{ label: "UTC", value: (u, v) => (v === null ? "" : fmtTime(v)) }];
    const axes = [{ space: 80, values: timeTicks, size: last ? 44 : 10, ticks: { show: last }, show: true,
      ...(last ? {} : { values: () => [] }) }];
    const scales = { x: { time: true } };
    const side = (abs) => ({ size: abs ? 72 : 60 });
    list.forEach((s) => {
      const scale = norm ? "pct" : "abs:" + s.datasource; // one unit per signal name
      series.push({
        label: s.label, scale, stroke: s.colour, width: s.region ? 1.2 : 2, dash: s.dash, spanGaps: false, show: isShown(s),
        value: (u, v) => (v === null ? "–" : norm ? v.toFixed(1) + " %" : v.toLocaleString("en", { maximumFractionDigits: 1 })),
      });
      if (!norm && !scales[scale]) scales[scale] = { range: (u, lo, hi) => [0, hi > 0 ? hi * 1.05 : 1] };
    });
    const yScales = Object.keys(scales).filter((k) => k !== "x");
    if (norm) {
      scales.pct = panel.id === "ooni" ? { range: () => [0, 100] }
        : { range: (u, lo, hi) => [0, Math.max(120, Math.ceil((hi || 100) / 20) * 20)] };
      axes.push({ scale: "pct", label: unit, values: (u, vals) => vals.map((v) => v + " %"), ...side(false) });
      axes.push({ scale: "pct", side: 1, values: () => [], grid: { show: false }, ticks: { show: false }, size: 20 });
    } else {
      axes.push({ scale: yScales[0], label: list[0].datasource, stroke: list[0].colour, ...side(true) });
      axes.push(yScales[1]
        ? { scale: yScales[1], side: 1, label: list.find((s) => "abs:" + s.datasource === yScales[1]).datasource, grid: { show: false }, size: 72 }
        : { scale: yScales[0], side: 1, values: () => [], grid: { show: false }, ticks: { show: false }, size: 72 });
    }
    const phone = width < 600;
    const height = panel.id === "conn" ? (phone ? 220 : 280) : panel.id === "ooni" ? (phone ? 140 : 170) : (phone ? 170 : 200);
    return {
      width, height: height + (last ? 34 : 0),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      series, axes, scales,
      legend: { show: !phone || panel.id !== "more" },
      cursor: { sync: { key: "vigil-x", setSeries: false }, drag: { x: true, y: false, setScale: true } },
      plugins: [bandsPlugin(panel)],
      hooks: { setScale: [(u, key) => onScale(u, key)] },
    };
  }

  function onScale(u, key) {
    if (drawing || key !== "x" || u.scales.x.min === null) return;
    state.from = Math.floor(u.scales.x.min);
    state.until = Math.ceil(u.scales.x.max);
    drawing = true;
    try {
      for (const p of plots) if (p.plot !== u) p.plot.setScale("x", { min: u.scales.x.min, max: u.scales.x.max });
    } finally {
      drawing = false;
    }
    writeUrl();
    const box = document.getElementById("chart");
    box.dataset.from = String(state.from);
    box.dataset.until = String(state.until);
    scheduleReload();
  }

  function draw() {
    const box = document.getElementById("chart");
    for (const p of plots) p.plot.destroy();
    plots = [];
    box.replaceChildren();
    const width = chartWidth();
    const used = PANELS.filter((p) => loaded.series.some((s) => s.panel === p.id && isShown(s)) ||
      (p.id !== "more" && loaded.series.some((s) => s.panel === p.id)));
    if (used.length === 0) {
      box.append(el("p", { class: "muted" }, "No signal is stored for this entity in this range."));
      box.dataset.points = "0";
      box.dataset.series = "0";
      return;
    }
    let points = 0;
    drawing = true;
    try {
      used.forEach((panel, i) => {
        const list = loaded.series.filter((s) => s.panel === panel.id);
        const data = chartData(list, state.mode);
        const title = panel.id === "conn" ? (state.mode === "norm" ? "Connectivity, % of its usual level (median outside the events)"
          : "Connectivity, absolute values") : panel.title;
        const holder = el("div", { class: "plot" });
        box.append(el("div", { class: "panel", "data-panel": panel.id }, el("h3", { class: "panel-title" }, title), holder));
        const plot = new uPlot(panelOptions(panel, list, width, i === used.length - 1), data, holder);
        plot.setScale("x", { min: state.from, max: state.until }); // the view asked for, even where data starts later
        plots.push({ panel, list, plot });
        for (let j = 1; j < data.length; j++) if (isShown(list[j - 1])) points += data[j].filter((v) => v !== null).length;
      });
    } finally {
      drawing = false;
    }
    const bands = bandIntervals();
    box.dataset.points = String(points);
    box.dataset.series = String(loaded.series.filter(isShown).length);
    box.dataset.panels = used.map((p) => p.id).join(",");
    box.dataset.eventBands = String(bands.length);
    box.dataset.bands = bands.map((b) => b.kind + "@" + b.start + "-" + b.end).join(" ");
    box.dataset.from = String(state.from);
    box.dataset.until = String(state.until);
    bandLegend(bands);
    toggles();
    // The browser test reads this: navigation start to the first chart drawn.
    if (performance.getEntriesByName("vigil-chart-drawn").length === 0) performance.mark("vigil-chart-drawn");
  }

  function bandLegend(bands) {
    const list = document.getElementById("band-legend");
    const items = Object.keys(Vigil.KINDS).map((kind) => {
      const mine = bands.filter((b) => b.kind === kind);
      return el("li", { "data-kind": kind, class: mine.length ? null : "absent" },
        el("span", { class: "swatch", style: "background:" + Vigil.KINDS[kind].fill + ";border-color:" + Vigil.KINDS[kind].colour }),
        el("strong", {}, Vigil.kindLabel(kind)),
        mine.length ? " " + mine.map((b) => fmtTime(b.start) + " – " + fmtTime(b.end)).join(", ") : el("span", { class: "muted" }, " none in view"));
    });
    const who = bandEntities.length > 1 ? "the country and its networks" : "this " + (type === "asn" ? "network" : type);
    list.replaceChildren(el("li", { class: "muted" }, "Bands: events of " + who + " (UTC)"), ...items);
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

  function setShown(s, show) {
    const isDefault = !extras().includes(s.datasource) && (!isOoniRatio(s.datasource) || !blockedPlatforms() ||
      blockedPlatforms().has(s.datasource.split(".")[1]));
    state.hide.delete(s.datasource);
    state.more.delete(s.datasource);
    if (isDefault && !show) state.hide.add(s.datasource);
    if (!isDefault && show) state.more.add(s.datasource);
    writeUrl();
  }

  function toggles() {
    const main = document.getElementById("signal-toggles");
    const own = loaded.series.filter((s) => !s.region);
    const first = own.filter((s) => s.panel !== "more" && (isShown(s) || !extras().includes(s.datasource)));
    const checkbox = (s) => {
      const cb = el("input", { type: "checkbox", checked: isShown(s), "data-signal": s.datasource });
      cb.addEventListener("change", () => {
        setShown(s, cb.checked);
        draw();
      });
      const step = s.step === s.nativeStep ? fmtDuration(s.step) : fmtDuration(s.step) + " means of " + fmtDuration(s.nativeStep);
      return el("label", { title: s.datasource + " (" + step + ")" }, cb, el("span", { class: "sw", style: "background:" + s.colour }), s.label);
    };
    main.replaceChildren(...first.map(checkbox));
    const more = document.getElementById("more-toggles");
    const loadedNames = new Set(own.map((s) => s.datasource));
    const others = extras().filter((n) => !loadedNames.has(n));
    const fetchBox = (name) => {
      const cb = el("input", { type: "checkbox", checked: false, "data-signal": name });
      cb.addEventListener("change", () => {
        state.more.add(name);
        writeUrl();
        refresh(false);
      });
      return el("label", { title: name }, cb, " " + Vigil.signalLabel(name));
    };
    const items = own.filter((s) => !first.includes(s)).map(checkbox).concat(others.map(fetchBox));
    if (regionList.length) {
      const cb = el("input", { type: "checkbox", id: "show-regions", checked: shownRegions().length === regionList.length });
      cb.addEventListener("change", () => {
        state.regions = cb.checked ? "all" : new Set();
        writeUrl();
        refresh(false);
      });
      items.push(el("label", { class: "regions-toggle" }, cb, " all " + regionList.length + " regions on the chart (or tick them in the regions table)"));
    }
    const al = el("input", { type: "checkbox", id: "show-alerts", checked: state.alerts });
    al.addEventListener("change", () => {
      state.alerts = al.checked;
      writeUrl();
      refresh(false);
    });
    items.push(el("label", {}, al, " alert strips (critical red, warning amber)"));
    more.replaceChildren(...items);
    if (state.more.size || state.alerts || shownRegions().length) document.getElementById("more-signals").open = true;
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
    if (plots.length) plots[0].plot.setScale("x", { min: f, max: u });
  }

  /** A span with a margin on each side. */
  function spanView(s, e) {
    const margin = Math.max(DAY / 4, (e - s) * 0.4);
    return clampRange(s - margin, e + margin);
  }

  function eventView(ev) {
    return spanView(iso(ev.start), ev.end === null ? meta.data.until : iso(ev.end));
  }

  function episodeView(ep) {
    return spanView(iso(ep.start), ep.end === null ? meta.data.until : iso(ep.end));
  }

  function focusEvent(ev) {
    state.event = ev.id;
    [state.from, state.until] = eventView(ev);
    writeUrl();
    refresh(true);
  }

  function showSpan(step) {
    [state.from, state.until] = spanView(step.start, step.end === null ? meta.data.until : step.end);
    writeUrl();
    refresh(false);
    document.getElementById("chart-title").scrollIntoView({ block: "start", behavior: "smooth" });
  }

  // --- story, events, regions, related ---

  /** The episode of this view: the one with the selected event, else overlapping the view, else the latest. */
  function currentEpisode() {
    if (episodes.length === 0) return null;
    const over = episodes.filter((e) => iso(e.start) < state.until && (e.end === null || iso(e.end) > state.from));
    const withEvent = episodes.find((e) => state.event && e.events.includes(state.event));
    return withEvent || over[over.length - 1] || episodes[episodes.length - 1];
  }

  async function story() {
    const ep = currentEpisode();
    const box = document.getElementById("narrative");
    const own = loaded.bandEvents.filter(isOwn);
    if (!ep) {
      VigilStory.render({ type, entity, episode: null, own, onShow: showSpan, others: [] });
      VigilStory.narrativeText(box, null, "No episode recorded for this " + (type === "asn" ? "network" : type) + ".");
      return;
    }
    let narrative = null;
    let note = "";
    const [detail] = await Promise.all([
      Vigil.getJson("/api/episodes/" + encodeURIComponent(ep.id)),
      Vigil.getJson("/api/episodes/" + encodeURIComponent(ep.id) + "/narrative").then((n) => { narrative = n; },
        (e) => { note = "No narrative: " + e.message; }),
    ]);
    VigilStory.render({ type, entity, episode: ep, narrative, detail, own, onShow: showSpan, others: episodes.filter((e) => e !== ep) });
    VigilStory.narrativeText(box, narrative, note);
  }

  async function eventsAndRegions() {
    const sel = "from=" + state.from + "&until=" + state.until;
    const box = document.getElementById("events");
    const regions = type === "country" && regionList.length;
    const [inCountry, sparks] = await Promise.all([
      type === "country" ? Vigil.getJson("/api/events?country=" + encodeURIComponent(code) + "&" + sel) : [],
      regions && regionList.some((r) => r.attrs.datasources.includes("probe.up_slash24"))
        ? Vigil.getData("/v2/signals/raw/region/" + regionList.map((r) => encodeURIComponent(r.code)).join(",") + "?" + sel +
          "&maxPoints=180&datasource=probe.up_slash24") : [],
    ]);
    const all = new Map();
    for (const e of loaded.bandEvents.concat(inCountry)) all.set(e.id, e);
    VigilStory.events(box, [...all.values()], { selected: state.event, isOwn, onFocus: focusEvent, single: type !== "country" });
    if (regions) {
      const series = new Map();
      for (const perRegion of sparks) for (const s of perRegion) series.set(s.entityCode, s);
      const shown = new Set(shownRegions());
      VigilStory.regions({
        list: regionList, events: inCountry, series, from: state.from, until: state.until, shown,
        onToggle: (c, on) => {
          const now = new Set(shownRegions());
          if (on) now.add(c);
          else now.delete(c);
          state.regions = now;
          writeUrl();
          refresh(false);
        },
      });
    }
  }

  function related(ents) {
    const box = document.getElementById("related");
    const items = [];
    const withData = ents.filter((e) => e.attrs.datasources.length);
    const without = ents.filter((e) => !e.attrs.datasources.length);
    const link = (e) => el("li", {}, el("a", { href: Vigil.entityPath(e) }, Vigil.entityLabel(e)));
    const regions = withData.filter((e) => e.type === "region");
    const countries = withData.filter((e) => e.type === "country").concat(without.filter((e) => e.type === "country"));
    if (countries.length) items.push(el("h3", {}, "Country"), el("ul", { class: "related" }, countries.map(link)));
    if (type === "country") {
      items.push(el("h3", {}, "Regions with data"),
        regions.length ? el("ul", { class: "related" }, regions.map(link)) : el("p", { class: "muted" }, "None stored."));
      const bare = without.filter((e) => e.type === "region");
      if (bare.length) {
        items.push(el("details", {}, el("summary", {}, "Regions without data (" + bare.length + ")"), el("ul", { class: "related" }, bare.map(link))));
      }
      const nets = bandEntities.filter((k) => k.startsWith("asn/")).map((k) => ({ type: "asn", code: k.slice(4), name: k.replace("/", "").toUpperCase() }));
      items.push(el("h3", {}, "Networks in its episodes"),
        nets.length ? el("ul", { class: "related" }, nets.map((n) => el("li", {}, el("a", { href: Vigil.entityPath(n) }, "AS" + n.code))))
          : el("p", { class: "muted" }, "No network event is part of this country's episodes."));
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
    const abs = chartData(loaded.series, "abs");
    const head = ["time_utc", "unix"].concat(loaded.series.map((s) => (s.region ? s.entityCode + ":" : "") + s.datasource));
    const lines = [head.join(",")];
    for (let i = 0; i < abs[0].length; i++) {
      const t = abs[0][i];
      if (t < state.from || t >= state.until) continue;
      lines.push([new Date(t * 1000).toISOString().replace(".000Z", "Z"), t]
        .concat(abs.slice(1).map((y, j) => (y[i] === null ? "" : isOoniRatio(loaded.series[j].datasource) ? y[i] / 100 : y[i]))).join(","));
    }
    Vigil.download("vigil-" + type + "-" + code + "-" + Vigil.isoShort(state.from) + ".csv", new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
  }

  function png() {
    const r = devicePixelRatio;
    const pad = 16 * r;
    const lineH = 22 * r;
    const canvases = plots.map((p) => p.plot.ctx.canvas);
    const w = Math.max(...canvases.map((c) => c.width));
    const out = document.createElement("canvas");
    out.width = w + 2 * pad;
    out.height = canvases.reduce((h, c) => h + c.height + lineH, 0) + 3 * lineH + 2 * pad;
    const c = out.getContext("2d");
    c.fillStyle = "#fff";
    c.fillRect(0, 0, out.width, out.height);
    c.fillStyle = "#1b1f24";
    c.font = (16 * r) + "px sans-serif";
    c.fillText(document.getElementById("entity-name").textContent + ": " + fmtTime(state.from) + " to " + fmtTime(state.until) + " UTC", pad, pad + lineH * 0.7);
    let y = pad + lineH;
    c.font = (13 * r) + "px sans-serif";
    plots.forEach((p, i) => {
      c.fillStyle = "#1b1f24";
      c.fillText(document.querySelectorAll("#chart .panel-title")[i].textContent, pad, y + lineH * 0.7);
      y += lineH;
      c.drawImage(canvases[i], pad, y);
      y += canvases[i].height;
    });
    let x = pad;
    y += lineH * 0.8;
    for (const kind of Object.keys(Vigil.KINDS)) {
      c.fillStyle = Vigil.KINDS[kind].fill;
      c.fillRect(x, y - 10 * r, 14 * r, 10 * r);
      c.fillStyle = "#1b1f24";
      c.fillText(Vigil.kindLabel(kind), x + 18 * r, y);
      x += c.measureText(Vigil.kindLabel(kind)).width + 40 * r;
    }
    const banner = document.getElementById("dataset-banner");
    c.fillStyle = banner ? "#8a5300" : "#4d5560";
    c.fillText((banner ? banner.querySelector("strong").textContent.trim() + " " : "") + "Vigil, " + location.host, pad, y + lineH);
    out.toBlob((blob) => Vigil.download("vigil-" + type + "-" + code + ".png", blob), "image/png");
  }

  // --- wiring ---

  async function refresh(scroll) {
    status("Loading…");
    try {
      await load(state.from, state.until);
    } catch (e) {
      status("Could not load the data: " + e.message, true);
      return;
    }
    draw();
    status("");
    eventsAndRegions().then(() => {
      if (scroll && state.event) {
        const row = document.getElementById("event-" + state.event);
        if (row) row.scrollIntoView({ block: "nearest" });
      }
    }, (e) => {
      document.getElementById("events").replaceChildren(el("p", { class: "error" }, "Could not load the events: " + e.message));
    });
  }

  function wire() {
    for (const b of document.querySelectorAll("[data-range]")) {
      b.addEventListener("click", () => {
        const r = b.dataset.range;
        const until = meta.data.until;
        const ep = currentEpisode();
        [state.from, state.until] = r === "episode" && ep ? episodeView(ep)
          : clampRange(r === "all" ? meta.data.from : until - Number(r) * DAY, until);
        writeUrl();
        refresh(false);
      });
    }
    document.querySelector("[data-range=episode]").hidden = episodes.length === 0;
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
      refresh(false);
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
      if (plots.length && Math.abs(w - width) > 20) {
        width = w;
        draw();
      }
    });
  }

  async function main() {
    readUrl();
    // One round of requests before the data: the dataset, the entity, what is related, the episodes.
    const [m, found, rel, eps] = await Promise.all([
      Vigil.meta(),
      Vigil.getData("/v2/entities/query?entityType=" + type + "&entityCode=" + encodeURIComponent(code)),
      Vigil.getData("/v2/entities/query?relatedTo=" + encodeURIComponent(entityParam)),
      Vigil.getJson("/api/episodes" + (type === "country" ? "?country=" + encodeURIComponent(code) : "")).catch(() => []),
    ]);
    meta = m;
    if (found.length) {
      entity = found[0];
      code = entity.code;
      entityParam = type + "/" + code;
      datasources = entity.attrs.datasources;
    } else {
      entity = { type, code, name: document.getElementById("entity-name").textContent };
    }
    episodes = eps.filter((e) => type === "country" || e.entities.includes(entityParam));
    bandEntities = [entityParam];
    if (type === "country") {
      for (const ep of episodes) for (const k of ep.entities) if (k.startsWith("asn/") && !bandEntities.includes(k)) bandEntities.push(k);
      document.getElementById("feed-link").href = "/feeds/country/" + encodeURIComponent(code.toUpperCase()) + ".atom";
      regionList = rel.filter((e) => e.type === "region" && e.attrs.datasources.length);
    }
    if (meta.data.until === null) {
      document.getElementById("headline").textContent = "The store holds no series yet.";
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
      const ep = currentEpisodeFor(selected);
      [state.from, state.until] = selected ? eventView(selected) : ep ? episodeView(ep) : [meta.data.until - 60 * DAY, meta.data.until];
    }
    [state.from, state.until] = clampRange(state.from, state.until);
    writeUrl();
    wire();
    await refresh(true);
    story().catch((e) => {
      document.getElementById("headline").textContent = "Could not load the episode: " + e.message;
    });
    related(rel);
  }

  /** Before a range exists: the episode of the selected event, else the latest. */
  function currentEpisodeFor(selected) {
    if (episodes.length === 0) return null;
    return (selected && episodes.find((e) => e.events.includes(selected.id))) || episodes[episodes.length - 1];
  }

  main().catch((e) => {
    document.getElementById("summary").replaceChildren(el("span", { class: "error" }, "Could not load: " + e.message));
  });
})();
