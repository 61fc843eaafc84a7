// SPDX-License-Identifier: Apache-2.0
// Vigil dashboard: helpers shared by the pages. Plain browser JavaScript, no build step.
"use strict";

const Vigil = (() => {
  /** GET a JSON document; rejects with the API's error message (it names the parameter). */
  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await r.json();
    } catch (e) {
      body = null;
    }
    if (!r.ok) {
      const msg = body && body.error && body.error.message ? body.error.message : r.status + " " + r.statusText;
      const err = new Error(msg);
      err.status = r.status;
      throw err;
    }
    return body;
  }

  /** The data of an IODA envelope. */
  async function getData(url) {
    return (await getJson(url)).data;
  }

  const pad = (n) => String(n).padStart(2, "0");

  /** Unix seconds to "2022-01-05 10:35" (UTC). */
  function fmtTime(t) {
    if (t === null || t === undefined) return "";
    const d = new Date(t * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }

  /** Unix seconds to the value of a datetime-local input (UTC). */
  function toInput(t) {
    return fmtTime(t).replace(" ", "T");
  }

  /** A datetime-local value (read as UTC) to unix seconds, or NaN. */
  function fromInput(v) {
    return Date.parse(v + ":00Z") / 1000;
  }

  /** ISO-8601 UTC without seconds when they are zero: the share-link form. */
  function isoShort(t) {
    const s = new Date(t * 1000).toISOString().replace(".000Z", "Z");
    return s.endsWith(":00Z") ? s.slice(0, -4) + "Z" : s;
  }

  function parseIso(s) {
    if (s === null || s === undefined || s === "") return null;
    if (/^\d+$/.test(s)) return Number(s);
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : Math.floor(t / 1000);
  }

  function fmtDuration(seconds) {
    if (seconds === null || seconds === undefined) return "";
    const m = Math.round(seconds / 60);
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    const mm = m % 60;
    const parts = [];
    if (d) parts.push(d + " d");
    if (h) parts.push(h + " h");
    if (mm || parts.length === 0) parts.push(mm + " min");
    return parts.slice(0, 2).join(" ");
  }

  function fmtScore(s) {
    if (s === null || s === undefined) return "";
    if (s >= 1e6) return s.toExponential(2);
    return Math.round(s).toLocaleString("en");
  }

  function fmtBytes(n) {
    if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + " MiB";
    if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + " KiB";
    return n + " B";
  }

  /** Element builder: el("a", {href: "/"}, "text", child...). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function entityPath(entity) {
    return "/" + entity.type + "/" + encodeURIComponent(entity.code);
  }

  function entityLabel(entity) {
    if (entity.type !== "asn") return entity.name;
    return !entity.name || entity.name === "AS" + entity.code ? "AS" + entity.code : "AS" + entity.code + " " + entity.name;
  }

  /** The link to an event: its entity's page, focused on it. */
  function eventPath(ev) {
    return entityPath(ev.entity) + "?event=" + encodeURIComponent(ev.id);
  }

  function kindCell(ev) {
    const what = [el("span", { class: "kind kind-" + ev.kind }, kindLabel(ev.kind))];
    if (ev.scope) what.push(el("span", { class: "tag" }, ev.scope));
    if (ev.mechanism && ev.mechanism !== "unknown") what.push(el("span", { class: "tag" }, ev.mechanism));
    if (ev.pattern) what.push(el("span", { class: "tag" }, ev.pattern));
    if (ev.platforms && ev.platforms.length) what.push(el("span", { class: "tag" }, ev.platforms.join(", ")));
    if (ev.end === null) what.push(el("span", { class: "tag ongoing" }, "ongoing"));
    return what;
  }

  /** /api/meta, once per page; fills the footer. */
  let metaPromise = null;
  function meta() {
    if (!metaPromise) {
      metaPromise = getJson("/api/meta").then((m) => {
        const span = document.getElementById("data-span");
        if (span && m.data.from !== null) {
          span.textContent = fmtTime(m.data.from) + " to " + fmtTime(m.data.until) + " UTC, " +
            m.data.series + " series, " + m.data.events + " events";
        }
        return m;
      });
    }
    return metaPromise;
  }

  /** Event kinds: their label, line colour and band fill, most severe first. */
  const KINDS = {
    blackout: { label: "Blackout", colour: "#b3261e", fill: "rgba(192, 57, 43, 0.24)" },
    outage: { label: "Outage", colour: "#a04a00", fill: "rgba(230, 126, 34, 0.22)" },
    throttling: { label: "Throttling", colour: "#7a5d00", fill: "rgba(212, 172, 13, 0.30)" },
    "platform-blocking": { label: "Platform blocking", colour: "#6a2c8a", fill: "rgba(125, 60, 152, 0.20)" },
  };

  function kindLabel(kind) {
    return KINDS[kind] ? KINDS[kind].label : kind;
  }

  /** A signal name as an analyst reads it. */
  function signalLabel(name) {
    const fixed = {
      "traffic.requests": "Traffic",
      "probe.up_slash24": "Active probing: /24s up",
      "probe.down_slash24": "Active probing: /24s down",
      "probe.uncertain_slash24": "Active probing: /24s uncertain",
      "bgp.visible_slash24": "BGP: visible /24s",
      "bgp.updates": "BGP updates",
      "bgp.withdrawals": "BGP withdrawals",
    };
    if (fixed[name]) return fixed[name];
    const m = /^ooni\.([a-z0-9_-]+)\.([a-z_]+)$/.exec(name);
    if (m) return "OONI " + platformLabel(m[1]) + ": " + m[2].replace("_", " ");
    return name;
  }

  function platformLabel(p) {
    const names = { whatsapp: "WhatsApp", telegram: "Telegram", signal: "Signal", web: "websites", facebook: "Facebook",
      instagram: "Instagram", twitter: "Twitter", youtube: "YouTube", tiktok: "TikTok" };
    return names[p] || p;
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** Unix seconds to "5 Jan 10:50" (UTC). */
  function fmtShort(t) {
    const d = new Date(t * 1000);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }

  /** Unix seconds to "5 Jan 16:50" in an IANA zone, or null when the browser does not know it. */
  function fmtLocal(t, zone) {
    if (!zone) return null;
    try {
      const parts = {};
      for (const p of new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "short", hour: "2-digit",
        minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(t * 1000))) parts[p.type] = p.value;
      return parts.day + " " + parts.month + " " + parts.hour + ":" + parts.minute;
    } catch (e) {
      return null;
    }
  }

  function download(filename, blob) {
    const a = el("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.append(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  return {
    getJson, getData, fmtTime, toInput, fromInput, isoShort, parseIso, fmtDuration, fmtScore, fmtBytes,
    el, entityPath, entityLabel, eventPath, kindCell, meta, download, KINDS, kindLabel, signalLabel, platformLabel,
    fmtShort, fmtLocal, MONTHS,
  };
})();
