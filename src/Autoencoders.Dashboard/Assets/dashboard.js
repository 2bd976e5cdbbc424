// The dashboard page: one section per run, fed by Server-Sent Events (/events?run=ID: the run's history, then live
// events). Charts are drawn on canvases by hand, so the page needs nothing but this file and the server.
"use strict";

const token = new URLSearchParams(location.search).get("token");
const withToken = path => token ? path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token) : path;
const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const tooltip = document.getElementById("tooltip");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function seconds(value) {
  if (!isFinite(value)) return "?";
  const s = Math.round(value);
  return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

function number(value, digits = 5) {
  return value === null || value === undefined ? "–" : Number(value).toPrecision(digits);
}

// A metrics.json value: counts as whole numbers, measures to five significant digits (no trailing zeros), text as it is.
function metricText(value) {
  if (value === "" || value === null || !isFinite(Number(value))) return String(value);
  return Number.isInteger(Number(value)) ? Number(value).toLocaleString("en") : String(Number(Number(value).toPrecision(5)));
}

// An axis end: whole numbers (epochs) as they are, others to three significant digits.
function axisLabel(value) {
  return Number.isInteger(value) ? String(value) : number(value, 3);
}

// The smallest and largest finite values, by a loop: a long run's tens of thousands of batch losses are too many
// arguments for Math.min(...values).
function extent(values) {
  let low = Infinity, high = -Infinity;
  for (const v of values) if (isFinite(v)) { if (v < low) low = v; if (v > high) high = v; }
  return [low, high];
}

// Maps data to pixels for a canvas with a margin for axis labels.
function frame(canvas, xs, ys) {
  const context = canvas.getContext("2d");
  const margin = { left: 52, right: 8, top: 8, bottom: 20 };
  let [x0, x1] = extent(xs);
  let [y0, y1] = extent(ys);
  if (!isFinite(x0)) [x0, x1] = [0, 1];
  if (!isFinite(y0)) [y0, y1] = [0, 1];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const width = canvas.width - margin.left - margin.right, height = canvas.height - margin.top - margin.bottom;
  const f = {
    context, x0, x1, y0, y1,
    x: v => margin.left + (v - x0) / (x1 - x0) * width,
    y: v => margin.top + (1 - (v - y0) / (y1 - y0)) * height,
    invert: (px, py) => [x0 + (px - margin.left) / width * (x1 - x0), y0 + (1 - (py - margin.top) / height) * (y1 - y0)],
  };
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = "#999";
  context.fillStyle = "#444";
  context.font = "11px sans-serif";
  context.strokeRect(margin.left, margin.top, width, height);
  context.fillText(number(y1, 3), 2, margin.top + 9);
  context.fillText(number(y0, 3), 2, margin.top + height);
  context.fillText(axisLabel(x0), margin.left, canvas.height - 5);
  const right = axisLabel(x1);
  context.fillText(right, canvas.width - margin.right - context.measureText(right).width, canvas.height - 5);
  return f;
}

// Draws points (in x order) as a polyline. Where several fall in one pixel column, the column's lowest and highest
// stand for them all: the same picture at a cost bounded by the canvas's width, however many batches a run has.
function line(f, points, color, width = 1.5) {
  const context = f.context;
  context.strokeStyle = color;
  context.lineWidth = width;
  context.beginPath();
  let started = false, column = NaN, low = NaN, high = NaN;
  const to = (x, y) => { if (started) context.lineTo(x, f.y(y)); else { context.moveTo(x, f.y(y)); started = true; } };
  const flush = () => { if (isFinite(low)) { to(column, low); if (high !== low) to(column, high); } };
  for (const [px, y] of points) {
    if (!isFinite(y)) continue;
    const x = Math.round(f.x(px));
    if (x !== column) { flush(); column = x; low = high = y; }
    else { low = Math.min(low, y); high = Math.max(high, y); }
  }
  flush();
  context.stroke();
  context.lineWidth = 1;
}

class RunView {
  constructor(run) {
    this.run = run;
    this.section = element("section", { class: "run", id: `run-${run.id}`, "data-events": "0", "data-batches": "0", "data-epochs": "0" });
    this.title = element("h2", {}, run.name);
    this.stats = element("div", { class: "stats" }, "waiting for the first event…");
    this.loss = element("canvas", { width: 440, height: 200, class: "loss" });
    this.reconstructions = element("img", { class: "reconstructions pixelated", alt: "reconstructions (top: samples, bottom: reconstructions)" });
    this.latent = element("canvas", { width: 440, height: 300, class: "latent" });
    this.section.append(this.title, this.stats, element("h3", {}, "Loss (thin: per batch; thick: per epoch; dashed: validation)"), this.loss,
      element("h3", {}, "Reconstructions of fixed test samples (top: input, bottom: output)"), this.reconstructions,
      element("h3", {}, "Latent space (first two code dimensions; hover a point)"), this.latent);
    this.latent.addEventListener("mousemove", event => this.hover(event));
    this.latent.addEventListener("mouseleave", () => { tooltip.hidden = true; });
    this.reset(); // before the explorer, which draws the (still empty) points
    if (run.variational) this.addExplorer();
    if (run.files.length > 0) this.addFiles(run.files);
  }

  reset() {
    Object.assign(this, { batchesPerEpoch: 1, batchLoss: [], epochLoss: [], valLoss: [], points: [], classNames: null, ended: false, latentChanged: true, snapshot: null });
    this.section.dataset.batches = "0";
    this.section.dataset.epochs = "0";
    delete this.section.dataset.firstBatchAt;
  }

  receive(message) {
    this.section.dataset.events = String(Number(this.section.dataset.events) + 1);
    switch (message.type) {
      case "run":
        this.reset();
        this.batchesPerEpoch = Math.max(1, message.batchesPerEpoch || 1);
        this.title.textContent = `${message.name} — ${message.model}, ${message.epochs} epochs`;
        this.statsText = message.live ? "training…" : "finished run";
        this.schedule();
        break;
      case "batches": {
        // Consecutive batches of one epoch, numbered from firstBatch: the feed sends them a few times a second.
        message.losses.forEach((loss, i) =>
          this.batchLoss.push([message.epoch - 1 + (message.firstBatch + i + 1) / this.batchesPerEpoch, Number(loss)]));
        this.section.dataset.batches = String(this.batchLoss.length);
        // When batch events arrived (ms since the page opened): a replayed history comes all at once, a live run over time.
        this.section.dataset.lastBatchAt = String(Math.round(performance.now()));
        this.section.dataset.firstBatchAt ??= this.section.dataset.lastBatchAt;
        const last = message.firstBatch + message.losses.length;
        this.statsText = `epoch ${message.epoch}, batch ${last}/${this.batchesPerEpoch}: loss ${number(message.losses[message.losses.length - 1])}\n` +
          `${Math.round(message.samplesPerSecond).toLocaleString("en")} samples/s, ETA ${seconds(message.etaSeconds)}`;
        this.schedule();
        break;
      }
      case "epoch":
        this.epochLoss.push([message.epoch, Number(message.loss)]);
        if (message.valLoss !== undefined) this.valLoss.push([message.epoch, Number(message.valLoss)]);
        this.section.dataset.epochs = String(this.epochLoss.length);
        const metrics = Object.entries(message.metrics || {}).map(([name, value]) => `${name} ${number(value, 4)}`).join(", ");
        // A finished run's replay has neither speed nor ETA: its history.csv holds the epochs' losses only.
        const pace = [message.samplesPerSecond !== undefined ? `${Math.round(message.samplesPerSecond).toLocaleString("en")} samples/s` : "",
          message.etaSeconds !== undefined && !this.ended ? `ETA ${seconds(message.etaSeconds)}` : ""].filter(Boolean).join(", ");
        this.statsText = `epoch ${message.epoch}: loss ${number(message.loss)}, val_loss ${number(message.valLoss)}${metrics ? ", " + metrics : ""}` +
          (pace ? "\n" + pace : "");
        this.schedule();
        break;
      case "snapshot":
        // Shown at the next redraw: the newest snapshot's grid only, however many came since the last.
        this.snapshot = message;
        this.points = message.points;
        this.latentChanged = true;
        this.classNames = message.classNames || null;
        this.schedule();
        break;
      case "metrics":
        this.addMetrics(message.values);
        break;
      case "anomaly":
        this.addAnomaly(message);
        break;
      case "end":
        this.ended = true;
        this.section.dataset.ended = "true";
        this.statsText = (this.statsText ?? this.stats.textContent) + "\ntraining finished";
        this.schedule();
        break;
    }
  }

  // At most two redraws a second: a fast run sends epochs and snapshots far more often than anyone reads a chart, and
  // the browser's drawing takes the cores the training runs on when both share a machine (headless chromium
  // with this page open took 2.7 % of two cores at four redraws a second, 2.2 % at two: bench/dashboard/cpu_share.py).
  schedule() {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => requestAnimationFrame(() => { this.pending = false; this.draw(); }), 500);
  }

  draw() {
    // The text too changes at a redraw only: every change of it costs the browser a layout and a paint.
    if (this.statsText !== undefined) {
      this.stats.textContent = this.statsText;
      this.statsText = undefined;
    }
    const xs = [0], ys = [];
    for (const series of [this.batchLoss, this.epochLoss, this.valLoss]) for (const [x, y] of series) { xs.push(x); ys.push(y); }
    const f = frame(this.loss, xs, ys);
    line(f, this.batchLoss, "#9ecae1", 1);
    line(f, this.epochLoss, palette[0], 2.5);
    f.context.setLineDash([5, 4]);
    line(f, this.valLoss, palette[1], 2);
    f.context.setLineDash([]);
    // The latent view and the reconstructions change once an epoch; the loss a few times a second.
    if (!this.latentChanged) return;
    this.latentChanged = false;
    this.drawLatent();
    if (this.explorer) this.drawExplorer();
    if (this.snapshot && this.reconstructions.dataset.epoch !== String(this.snapshot.epoch)) {
      this.reconstructions.src = withToken(`/runs/${this.run.id}/images/${this.snapshot.reconstructions}`);
      this.reconstructions.dataset.epoch = String(this.snapshot.epoch);
    }
  }

  drawLatent() {
    const f = frame(this.latent, this.points.map(p => p[0]), this.points.map(p => p[1]));
    this.latentFrame = f;
    for (const [x, y, label] of this.points) {
      f.context.fillStyle = label < 0 ? "#555" : palette[label % palette.length];
      f.context.beginPath();
      f.context.arc(f.x(x), f.y(y), 3, 0, 2 * Math.PI);
      f.context.fill();
    }
    // Where the first point is drawn (canvas pixels) and its sample: lets a test hover a point without guessing.
    const first = this.points[0];
    if (first) this.latent.dataset.firstPoint = `${f.x(first[0]).toFixed(1)},${f.y(first[1]).toFixed(1)},${first[3]}`;
  }

  hover(event) {
    if (!this.latentFrame || this.points.length === 0) return;
    const box = this.latent.getBoundingClientRect();
    const scale = this.latent.width / box.width;
    const px = (event.clientX - box.left) * scale, py = (event.clientY - box.top) * scale;
    let best = null, bestDistance = 8 * 8;
    for (const point of this.points) {
      const d = (this.latentFrame.x(point[0]) - px) ** 2 + (this.latentFrame.y(point[1]) - py) ** 2;
      if (d < bestDistance) { best = point; bestDistance = d; }
    }
    if (!best) { tooltip.hidden = true; return; }
    const [, , label, index] = best;
    tooltip.querySelector("img").src = withToken(`/runs/${this.run.id}/images/sample-${index}.png`);
    tooltip.querySelector("span").textContent = `sample ${index}` + (label >= 0 ? `, class ${this.classNames ? this.classNames[label] : label}` : "");
    tooltip.dataset.index = String(index);
    tooltip.style.left = `${event.clientX + 14}px`;
    tooltip.style.top = `${event.clientY + 14}px`;
    tooltip.hidden = false;
  }

  addExplorer() {
    this.explorer = element("canvas", { width: 220, height: 220, class: "explorer-plane" });
    this.decoded = element("img", { class: "decoded pixelated", alt: "decoded point", "data-decoded": "0" });
    this.section.append(element("h3", {}, "Latent explorer (drag in the plane; the server decodes the point)"),
      element("div", { class: "explorer" }, this.explorer, this.decoded));
    let dragging = false;
    const at = event => {
      const box = this.explorer.getBoundingClientRect();
      const scale = this.explorer.width / box.width;
      return this.explorerFrame.invert((event.clientX - box.left) * scale, (event.clientY - box.top) * scale);
    };
    this.explorer.addEventListener("pointerdown", event => { dragging = true; this.decode(at(event)); });
    this.explorer.addEventListener("pointermove", event => { if (dragging) this.decode(at(event)); });
    window.addEventListener("pointerup", () => { dragging = false; });
    this.drawExplorer();
  }

  drawExplorer() {
    const xs = this.points.length ? this.points.map(p => p[0]) : [-3, 3], ys = this.points.length ? this.points.map(p => p[1]) : [-3, 3];
    this.explorerFrame = frame(this.explorer, xs, ys);
    if (this.chosen) {
      const context = this.explorerFrame.context;
      context.fillStyle = "#d62728";
      context.beginPath();
      context.arc(this.explorerFrame.x(this.chosen[0]), this.explorerFrame.y(this.chosen[1]), 5, 0, 2 * Math.PI);
      context.fill();
    }
  }

  // One request in flight at a time; while it runs only the newest point waits, so a fast drag sends no backlog.
  async decode(point) {
    this.chosen = point;
    this.drawExplorer();
    if (this.decoding) { this.waiting = point; return; }
    this.decoding = true;
    try {
      const response = await fetch(withToken(`/runs/${this.run.id}/decode`), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ z: point }),
      });
      if (response.ok) {
        const previous = this.decoded.src;
        this.decoded.src = URL.createObjectURL(await response.blob());
        if (previous.startsWith("blob:")) URL.revokeObjectURL(previous);
        this.decoded.dataset.decoded = String(Number(this.decoded.dataset.decoded) + 1);
        this.decoded.dataset.z = point.map(v => v.toFixed(3)).join(",");
      } else {
        this.decoded.alt = `decode failed: ${response.status} ${await response.text()}`;
      }
    } finally {
      this.decoding = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.decode(next);
    }
  }

  addMetrics(values) {
    const rows = Object.entries(values).map(([name, value]) => element("tr", {}, element("td", {}, name), element("td", {}, metricText(value))));
    this.section.append(element("h3", {}, "Test metrics (metrics.json)"), element("table", { class: "metrics" }, ...rows));
  }

  addFiles(files) {
    const box = element("details", { class: "files" }, element("summary", {}, `Figures written by the run (${files.length})`));
    for (const name of files) box.append(element("img", { alt: name, src: withToken(`/runs/${this.run.id}/files/${encodeURIComponent(name)}`), loading: "lazy" }));
    this.section.append(box);
  }

  addAnomaly(message) {
    const histogram = element("canvas", { width: 440, height: 180, class: "histogram" });
    const table = element("table", { class: "worst" });
    const columns = [["index", "#"], ["label", "label"], ["score", "score"], ["flagged", "flagged"], ["explanation", "top features"]];
    const head = element("tr", {}, ...columns.map(([key, title]) => element("th", { "data-key": key }, title)), element("th", {}, "sample"), element("th", {}, "error heatmap"));
    const body = element("tbody");
    table.append(element("thead", {}, head), body);
    this.section.append(element("h3", {}, `Anomaly scores: ${message.flagged} of ${message.count} flagged above ${number(message.threshold, 4)} (${message.thresholdRule})` +
      (message.rocAuc !== undefined ? `, ROC AUC ${number(message.rocAuc, 3)}` : "")), histogram,
      element("h3", {}, "Worst samples (click a heading to sort)"), table);
    let rows = [...message.rows];
    const fill = () => {
      body.replaceChildren(...rows.map(row => element("tr", { "data-index": String(row.index) },
        element("td", {}, String(row.index)), element("td", {}, row.label === undefined ? "" : String(row.label)),
        element("td", { class: "score" }, number(row.score, 5)), element("td", {}, row.flagged ? "yes" : "no"), element("td", {}, row.explanation),
        element("td", {}, element("img", { alt: `sample ${row.index}`, src: withToken(`/runs/${this.run.id}/images/${row.image}`) })),
        element("td", {}, element("img", { alt: `heatmap ${row.index}`, src: withToken(`/runs/${this.run.id}/images/${row.heatmap}`) })))));
    };
    for (const th of head.querySelectorAll("th[data-key]")) {
      th.addEventListener("click", () => {
        const key = th.dataset.key, ascending = th.dataset.sort !== "asc";
        head.querySelectorAll("th").forEach(other => delete other.dataset.sort);
        th.dataset.sort = ascending ? "asc" : "desc";
        const value = row => row[key] === undefined || row[key] === null ? "" : row[key];
        rows.sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.index - b.index) * (ascending ? 1 : -1));
        fill();
      });
    }
    fill();
    const h = message.histogram, bins = h.normal.length;
    const edges = Array.from({ length: bins + 1 }, (_, i) => h.low + i * h.width);
    const counts = h.normal.map((n, i) => n + h.anomalous[i]);
    const f = frame(histogram, [...edges, message.threshold], [0, ...counts]);
    for (let i = 0; i < bins; i++) {
      const left = f.x(edges[i]) + 1, right = f.x(edges[i + 1]) - 1;
      f.context.fillStyle = palette[0];
      f.context.fillRect(left, f.y(h.normal[i]), right - left, f.y(0) - f.y(h.normal[i]));
      f.context.fillStyle = palette[1];
      f.context.fillRect(left, f.y(counts[i]), right - left, f.y(h.normal[i]) - f.y(counts[i]));
    }
    f.context.strokeStyle = "#d62728";
    f.context.beginPath();
    f.context.moveTo(f.x(message.threshold), f.y(f.y0));
    f.context.lineTo(f.x(message.threshold), f.y(f.y1));
    f.context.stroke();
  }
}

async function start() {
  const status = document.getElementById("status");
  const response = await fetch(withToken("/runs"));
  if (!response.ok) { status.textContent = `cannot list the runs: ${response.status}`; return; }
  const runs = await response.json();
  status.textContent = `${runs.length} ${runs.length === 1 ? "run" : "runs"}`;
  for (const run of runs) {
    const view = new RunView(run);
    document.getElementById("runs").append(view.section);
    const events = new EventSource(withToken(`/events?run=${run.id}`));
    events.onmessage = message => {
      const event = JSON.parse(message.data);
      view.receive(event);
      // After the end nothing more comes: closing spares the browser a reconnect to a server that may be gone.
      if (event.type === "end") events.close();
    };
  }
  document.body.dataset.ready = "true";
}

start();
