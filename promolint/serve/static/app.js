// promolint serve: the page. Plain DOM, no framework; every text from the server is set
// with textContent (never innerHTML), so a promotion file cannot inject markup.
"use strict";

const TOKEN = document.querySelector('meta[name="promolint-token"]').content;
// The address held a one-time code (spent by now) or an old ?token=: keep neither in view.
if (location.search) history.replaceState(null, "", location.pathname);
const state = {
  lang: document.querySelector('meta[name="promolint-lang"]').content === "zh" ? "zh" : "en",
  repo: null, draft: null, evalResult: null, lintSeq: 0, marks: [], timer: null,
  // What is on screen is kept as keys and both-language texts, so a language switch redoes it.
  status: null, saveStatus: null, errors: { page: null, save: null, eval: null },
  clean: "", base: null, basePath: null, conflict: null,
};

const WORDS = {
  en: {
    "repo-title": "Promotions in this repository", "repo-hint": "Worst first. Open one to edit it as a draft.",
    "draft-title": "Draft", "file-name": "File", "open-choose": "— open a file —", "open": "Open",
    "new-yaml": "New YAML", "new-dsl": "New DSL", "save": "Save",
    "money-title": "The money", "money-hint": "What a customer pays per unit, by how many units are in the cart. " +
      "Grey: market price. Red dashes: the below-market line. Red dots: past the line.",
    "eval-title": "Try a cart", "cart": "Cart (YAML)", "user": "User (YAML)", "at": "Time (empty: now)",
    "at-placeholder": "now (or YYYY-MM-DDThh:mm:ss+hh:mm)",
    "with-draft": "include the draft", "evaluate": "Price the cart",
    error: "error", warning: "warning", info: "info", suppressed: "suppressed",
    clean: "no findings", "draft-clean": "No findings: this draft looks safe.",
    "draft-count": (n) => `${n} finding(s) in the draft`, "other-file": "in another file",
    what: "What", why: "Why it costs money", fix: "How to fix", about: "About this rule",
    "no-doc-zh": "", open1: "open", loading: "checking…", ready: "up to date",
    "saved": (p, b) => `saved ${p} (${b} bytes)`, "unchanged": (p) => `${p} already has this text`,
    "confirm-discard": (p) => `The draft ${p} has unsaved changes. Discard them?`,
    theirs: "On disk now", yours: "Your draft", "keep-mine": "Save my draft over it",
    "take-theirs": "Load the version on disk", cancel: "Cancel", "at-now": "now",
    "not-saved": "not saved", market: "market", line: "line", units: "units", subtotal: "subtotal",
    "per-unit": "per unit", "stand-in": "stand-in item (no market price in the price list)",
    "receipt": (who, cart, pays, worth, cur) => [`This user (${who}), this cart (${cart}), `, `pays ${pays} ${cur}`, ` for goods worth ${worth} ${cur}.`],
    "any-user": "any user", "witness": "RECEIPT (witness)", "below": (p) => `${p}% below market`,
    "no-curves": "No money curve: the draft has no promotion that builds, or it gives no money off.",
    "lines": "Lines", "sku": "SKU", "qty": "Qty", "unit": "Unit", "list": "List", "discount": "Discount",
    "pays": "Pays", "promotions": "Promotions", "total": "Total", "free-shipping": "free shipping",
    "applied": "Applied", "not-applied": "Did not apply", "notes": "Notes", "none": "none",
    "counts": (c) => `${c.error} errors · ${c.warning} warnings · ${c.info} info`,
    "loose": "Files that did not load",
    gone: "The page lost its server: is `promolint serve` still running? Start it again and open the address it prints.",
  },
  zh: {
    "repo-title": "本仓库的促销", "repo-hint": "问题最严重的在前。点“打开”可作为草稿编辑。",
    "draft-title": "草稿", "file-name": "文件", "open-choose": "— 选择文件 —", "open": "打开",
    "new-yaml": "新建 YAML", "new-dsl": "新建 DSL", "save": "保存",
    "money-title": "钱怎么算", "money-hint": "顾客按购物车中的件数,每件实际支付多少。" +
      "灰线:市场价。红色虚线:低于市场价的警戒线。红点:越过警戒线。",
    "eval-title": "试算购物车", "cart": "购物车(YAML)", "user": "用户(YAML)", "at": "时间(留空:现在)",
    "at-placeholder": "现在(或 YYYY-MM-DDThh:mm:ss+hh:mm)",
    "with-draft": "包含草稿", "evaluate": "计算价格",
    error: "错误", warning: "警告", info: "提示", suppressed: "已豁免",
    clean: "没有问题", "draft-clean": "没有发现问题:这份草稿看起来是安全的。",
    "draft-count": (n) => `草稿中有 ${n} 个问题`, "other-file": "在其他文件中",
    what: "检查什么", why: "为什么会亏钱", fix: "怎么改", about: "关于此规则",
    open1: "打开", loading: "检查中…", ready: "已是最新",
    "saved": (p, b) => `已保存 ${p}(${b} 字节)`, "unchanged": (p) => `${p} 的内容已经相同`,
    "confirm-discard": (p) => `草稿 ${p} 有未保存的修改。要放弃这些修改吗?`,
    theirs: "磁盘上现在的版本", yours: "你的草稿", "keep-mine": "用我的草稿覆盖它",
    "take-theirs": "载入磁盘上的版本", cancel: "取消", "at-now": "现在",
    "not-saved": "未保存", market: "市场价", line: "警戒线", units: "件数", subtotal: "小计",
    "per-unit": "每件", "stand-in": "示意商品(价目表中没有市场价)",
    "receipt": (who, cart, pays, worth, cur) => [`这位用户(${who}),这个购物车(${cart}),`, `只付 ${pays} ${cur}`, `,商品价值 ${worth} ${cur}。`],
    "any-user": "任意用户", "witness": "小票(反例)", "below": (p) => `低于市场价 ${p}%`,
    "no-curves": "没有价格曲线:草稿中没有能构建的促销,或它不减钱。",
    "lines": "明细", "sku": "商品", "qty": "数量", "unit": "单价", "list": "原价", "discount": "优惠",
    "pays": "实付", "promotions": "促销", "total": "合计", "free-shipping": "包邮",
    "applied": "已生效", "not-applied": "未生效", "notes": "备注", "none": "无",
    "counts": (c) => `${c.error} 个错误 · ${c.warning} 个警告 · ${c.info} 个提示`,
    "loose": "无法加载的文件",
    gone: "页面连不上服务:promolint serve 还在运行吗?请重新启动并打开它打印的地址。",
  },
};

function t(key, ...args) {
  const word = WORDS[state.lang][key] ?? WORDS.en[key] ?? key;
  return typeof word === "function" ? word(...args) : word;
}
function pick(both) { return both ? (both[state.lang] || both.en || "") : ""; }

function el(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return node;
}
const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined) node.setAttribute(k, v);
  for (const kid of kids) node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return node;
}

async function api(method, name, body) {
  const init = { method, headers: { "X-Promolint-Token": TOKEN } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let resp;
  try { resp = await fetch(`/api/${name}`, init); }
  catch (_) { const err = new Error(t("gone")); err.data = { error: { en: WORDS.en.gone, zh: WORDS.zh.gone } }; throw err; }
  const data = await resp.json().catch(() => ({ error: { en: resp.statusText, zh: resp.statusText } }));
  if (!resp.ok) { const err = new Error(pick(data.error)); err.status = resp.status; err.data = data; throw err; }
  return data;
}

// Errors show where they were caused: "page" (loading the repo, linting) in the banner,
// "save" beside Save (and Open), "eval" beside "Price the cart".
const ERROR_BOX = { page: "error", save: "save-error", eval: "eval-error" };
function showError(err, where = "page") {
  state.errors[where] = err ? (err.data && err.data.error ? err.data.error : { en: String(err.message || err), zh: String(err.message || err) }) : null;
  renderErrors();
}
function renderErrors() {
  for (const [where, id] of Object.entries(ERROR_BOX)) {
    const box = document.getElementById(id), said = state.errors[where];
    box.hidden = !said;
    box.textContent = said ? pick(said) : "";
  }
}
function setStatus(key) { state.status = key; renderStatus(); }
function renderStatus() {
  document.getElementById("status").textContent = state.status ? t(state.status) : "";
  document.getElementById("save-status").textContent = state.saveStatus ? t(...state.saveStatus) : "";
}

// ---------------------------------------------------------------------------- findings
function findingItem(f, rules, opts) {
  const rule = rules[f.rule];
  const sev = f.suppressed ? "suppressed" : f.severity;
  const loc = el("a", { class: "loc", title: f.path, onclick: () => opts.onLocate && opts.onLocate(f) },
    opts.showPath ? `${f.path}:${f.line}:${f.column}` : `${f.line}:${f.column}`);
  const item = el("li", { class: `finding sev-${f.severity}${f.suppressed ? " suppressed" : ""}`,
    "data-line": f.line, "data-column": f.column, "data-rule": f.rule, "data-severity": f.severity },
    el("span", { class: "sev" }, t(sev)), " ", el("code", {}, `${f.code} ${f.rule}`), " ", loc,
    opts.otherFile ? el("span", { class: "hint" }, ` (${t("other-file")}: ${f.path})`) : null,
    el("p", { class: "msg" }, pick(f.message)));
  for (const fix of f.fixes || []) {
    item.append(el("button", { type: "button", class: "fix", onclick: () => applyFix(fix) }, "✎ " + pick(fix.title)));
  }
  if (f.witness) item.append(receipt(f.witness, f.witness_cur || ""));
  if (rule) {
    const parts = [el("summary", {}, `${t("about")}: ${pick(rule.summary)}`)];
    for (const part of ["what", "why", "fix"]) {
      const text = rule[part][state.lang];
      if (text) parts.push(el("p", {}, el("b", {}, t(part) + ": "), text));
    }
    item.append(el("details", {}, parts));
  }
  return item;
}

function facts(w) {
  const pairs = [...Object.entries(w.user || {}), ...Object.entries(w.context || {})];
  return pairs.length ? pairs.map(([k, v]) => `${k}=${Array.isArray(v) ? "[" + v.join(", ") + "]" : v}`).join(", ")
    : t("any-user");
}

function receipt(w, currency) {
  const cart = (w.cart || []).map((l) => `${l.sku} × ${l.quantity} @ ${l.unit_price}`).join(", ");
  const worth = w.market ?? (w.cart || []).reduce((s, l) => s + Number(l.unit_price) * l.quantity, 0).toFixed(2);
  const [a, b, c] = t("receipt", facts(w), cart, w.pays, worth, currency);
  return el("div", { class: "receipt", "data-pays": w.pays, "data-worth": worth },
    el("div", { class: "receipt-head" }, t("witness")), a, el("span", { class: "big" }, b), c);
}

// ---------------------------------------------------------------------------- repo
function renderRepo() {
  const data = state.repo;
  const list = document.getElementById("repo-list");
  list.replaceChildren();
  if (!data) return;
  document.getElementById("counts").textContent = data.empty ? "" : t("counts", data.counts);
  if (data.empty) list.append(el("p", { class: "empty-repo", id: "repo-empty" }, pick(data.empty)));
  const locate = (f) => openFile(f.path, f.line);
  for (const p of data.promotions) {
    const items = p.findings.map((i) => findingItem(data.findings[i], data.rules, { onLocate: locate }));
    list.append(el("div", { class: "promo", "data-id": p.id },
      el("div", { class: "promo-head" }, el("span", { class: "id" }, p.id), el("span", {}, p.name),
        el("span", { class: "where" }, `${p.path}:${p.line}`),
        el("button", { type: "button", onclick: () => openFile(p.path, p.line) }, t("open1"))),
      items.length ? el("ol", { class: "findings" }, items) : el("div", { class: "clean" }, "✓ " + t("clean"))));
  }
  if (data.loose.length) {
    list.append(el("div", { class: "promo" }, el("div", { class: "promo-head" }, el("b", {}, t("loose"))),
      el("ol", { class: "findings" }, data.loose.map((i) =>
        findingItem(data.findings[i], data.rules, { onLocate: locate, showPath: true })))));
  }
  const select = document.getElementById("open-file");
  const keep = select.value;
  select.replaceChildren(el("option", { value: "" }, t("open-choose")),
    ...data.files.map((f) => el("option", { value: f }, f)));
  select.value = keep;
  if (!document.getElementById("cart-text").value) document.getElementById("cart-text").value = data.sample_cart || "";
}

async function loadRepo() {
  try { state.repo = await api("GET", "repo"); renderRepo(); showError(null); }
  catch (err) { state.repo = null; renderRepo(); document.getElementById("counts").textContent = ""; showError(err); }
}

// ---------------------------------------------------------------------------- editor
const TEMPLATE_NAMES = { en: "Spend 200, save 50", zh: "满200减50" };
const TEMPLATES = {
  yaml: `apiVersion: promolint/v1
kind: Promotion
id: my-draft
name: "{NAME}"
currency: CNY
window:
  start: 2026-11-11T00:00:00+08:00
  end: 2026-11-12T00:00:00+08:00
scope:
  categories: [apparel]
benefit:
  type: threshold_off
  threshold: 200
  amount: 50
limits:
  per_user: 1
  budget: 100000
`,
  dsl: `promotion my-draft "{NAME}" {
  currency CNY
  window 2026-11-11T00:00:00+08:00 .. 2026-11-12T00:00:00+08:00
  scope categories [apparel]
  benefit spend 200 save 50
  limits per_user 1 budget 100000
}
`,
};

CodeMirror.defineSimpleMode("promodsl", { start: [
  { regex: /#.*/, token: "comment" },
  { regex: /"(?:[^\\"]|\\.)*"?/, token: "string" },
  { regex: /(?:promotion|campaign|owner|currency|window|audience|scope|skus|categories|exclude_skus|exclude|benefit|limits|per_user|total|budget|stacking|with|rollout|priority|coupon|required|signed|rate_limit_per_minute|suppress|reason|until|percent_off|amount_off|spend|save|every|max_repeats|tiers|fixed_price|buy|get|percent|group_price|min_group_size|free_shipping|min_subtotal|max_amount|max)\b/, token: "keyword" },
  { regex: /(?:and|or|not|in|contains|true|false)\b/, token: "atom" },
  { regex: /\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)?/, token: "number" },
  { regex: /-?\d+(?:\.\d+)?%?/, token: "number" },
  { regex: /[A-Za-z_][\w.-]*/, token: "variable" },
] });

function template(kind, lang = state.lang) { return TEMPLATES[kind].replace("{NAME}", TEMPLATE_NAMES[lang]); }

const editor = CodeMirror(document.getElementById("editor"), {
  value: "", lineNumbers: true, mode: "yaml", indentUnit: 2, tabSize: 2, indentWithTabs: false,
  gutters: ["CodeMirror-linenumbers", "pl-gutter"], lineWrapping: false, autofocus: false,
  extraKeys: { Tab: (cm) => cm.replaceSelection("  "), "Ctrl-S": () => save(), "Cmd-S": () => save() },
});
window.promolintEditor = editor; // for the end-to-end test and for debugging

function modeFor(path) { return /\.promo$/.test(path) ? "promodsl" : "yaml"; }
document.getElementById("draft-path").addEventListener("input", (e) => {
  editor.setOption("mode", modeFor(e.target.value)); scheduleLint(); });
editor.on("change", () => scheduleLint());

function scheduleLint() {
  clearTimeout(state.timer);
  setStatus("loading");
  state.timer = setTimeout(lintDraft, 250);
}

async function lintDraft() {
  const seq = ++state.lintSeq;
  const path = document.getElementById("draft-path").value.trim();
  const text = editor.getValue();
  try {
    const data = await api("POST", "lint", { path, text });
    if (seq !== state.lintSeq || data.superseded) return; // a newer keystroke is on its way
    state.draft = data;
    renderDraft();
    showError(null);
    setStatus("ready");
    document.body.dataset.lintSeq = String(seq);
  } catch (err) {
    if (seq === state.lintSeq) { showError(err); setStatus(null); }
  }
}

function renderDraft() {
  const data = state.draft;
  for (const m of state.marks) m.clear();
  state.marks = [];
  editor.clearGutter("pl-gutter");
  const list = document.getElementById("draft-findings");
  list.replaceChildren();
  const summary = document.getElementById("draft-summary");
  if (!data) { summary.textContent = ""; renderCharts(); return; }
  const mine = data.findings.filter((f) => f.path === data.path);
  const others = data.findings.filter((f) => f.path !== data.path);
  const active = mine.filter((f) => !f.suppressed);
  summary.className = active.length ? "" : "ok";
  summary.textContent = active.length ? t("draft-count", active.length) : t("draft-clean");
  for (const f of mine) {
    list.append(findingItem(f, data.rules, { onLocate: (g) => { editor.focus(); editor.setCursor(g.line - 1, g.column - 1); } }));
    if (!f.suppressed) markFinding(f);
  }
  for (const f of others) list.append(findingItem(f, data.rules, { otherFile: true, onLocate: () => {} }));
  renderCharts();
}

function markFinding(f) {
  const line = f.line - 1, ch = f.column - 1;
  let endLine = (f.end_line || f.line) - 1, endCh = (f.end_column || f.column) - 1;
  if (line >= editor.lineCount()) return;
  if (endLine < line || (endLine === line && endCh <= ch)) { // a point: mark the word there
    const rest = editor.getLine(line).slice(ch);
    const word = rest.match(/^[^\s,\]}]+/);
    endLine = line; endCh = ch + (word ? word[0].length : Math.max(1, rest.length));
  }
  state.marks.push(editor.markText({ line, ch }, { line: endLine, ch: endCh },
    { className: `pl-mark pl-mark-${f.severity}`, title: pick(f.message), attributes: { "data-rule": f.rule } }));
  const info = editor.lineInfo(line);
  const dot = info && info.gutterMarkers && info.gutterMarkers["pl-gutter"];
  if (!dot || f.severity === "error") {
    editor.setGutterMarker(line, "pl-gutter", el("span", { class: `pl-dot ${f.severity}`, title: pick(f.message) }));
  }
}

function applyFix(fix) {
  // Edits are 1-based, end exclusive; applied last first so earlier positions hold.
  const edits = [...fix.edits].sort((a, b) => (b.line - a.line) || (b.column - a.column));
  editor.operation(() => {
    for (const e of edits) {
      editor.replaceRange(e.text, { line: e.line - 1, ch: e.column - 1 }, { line: e.end_line - 1, ch: e.end_column - 1 });
    }
  });
  editor.focus();
}

// Unsaved text is never dropped without asking: New, Open and a file's "open" check first.
function dirty() { const text = editor.getValue(); return text.trim() !== "" && text !== state.clean; }
function mayDiscard() {
  return !dirty() || window.confirm(t("confirm-discard", document.getElementById("draft-path").value.trim()));
}

function loadDraft(path, text, base) {
  document.getElementById("draft-path").value = path;
  editor.setOption("mode", modeFor(path));
  editor.setValue(text);
  state.clean = text; state.base = base; state.basePath = path;
  hideConflict();
  setSaveStatus(null);
  showError(null, "save");
}

async function openFile(path, line) {
  if (!mayDiscard()) return;
  try {
    const data = await api("GET", `file?path=${encodeURIComponent(path)}`);
    loadDraft(data.path, data.text, data.version);
    if (line) { editor.setCursor(line - 1, 0); editor.scrollIntoView({ line: line - 1, ch: 0 }, 100); }
    // On a narrow screen the draft sits below the list: bring it and its findings into view.
    const panel = document.getElementById("draft-panel");
    if (panel.getBoundingClientRect().top < 0 || panel.getBoundingClientRect().top > window.innerHeight / 2) {
      panel.scrollIntoView({ block: "start" });
    }
  } catch (err) { showError(err, "save"); }
}

function setSaveStatus(...key) { state.saveStatus = key[0] ? key : null; renderStatus(); }

async function save(base) {
  const path = document.getElementById("draft-path").value.trim();
  const text = editor.getValue();
  const body = { path, text };
  // The version opened (or seen in a conflict) is sent only for that same file name.
  if (typeof base === "string") body.base = base;
  else if (state.base && state.basePath === path) body.base = state.base;
  try {
    const done = await api("POST", "save", body);
    hideConflict();
    setSaveStatus(...(done.written ? ["saved", done.path, done.bytes] : ["unchanged", done.path]));
    state.clean = text; state.base = done.version; state.basePath = path;
    showError(null, "save");
    loadRepo();
  } catch (err) {
    setSaveStatus("not-saved");
    const conflict = err.status === 409 && err.data && err.data.key === "conflict";
    showError(conflict ? null : err, "save"); // a conflict says it once, in its own panel
    if (conflict) showConflict(err.data);
  }
}

// A conflict: the file on disk is not the one this draft was opened from. Both are shown;
// the person picks (nothing is replaced by a reflex "OK").
function showConflict(data) {
  state.conflict = data;
  document.getElementById("conflict-theirs").textContent = data.theirs ?? "";
  document.getElementById("conflict-yours").textContent = data.yours ?? "";
  document.getElementById("conflict-msg").textContent = pick(data.error);
  document.getElementById("conflict").hidden = false;
}
function hideConflict() { state.conflict = null; document.getElementById("conflict").hidden = true; }
document.getElementById("keep-mine").addEventListener("click", () => {
  if (state.conflict) save(state.conflict.theirs_version); });
document.getElementById("take-theirs").addEventListener("click", () => {
  const c = state.conflict;
  if (c && c.theirs !== null) loadDraft(document.getElementById("draft-path").value.trim(), c.theirs, c.theirs_version);
});
document.getElementById("conflict-cancel").addEventListener("click", () => { hideConflict(); });

// ---------------------------------------------------------------------------- the chart
function renderCharts() {
  const box = document.getElementById("charts");
  box.replaceChildren();
  const data = state.draft;
  if (!data || !data.curves.length) { box.append(el("p", { class: "hint" }, t("no-curves"))); return; }
  for (const c of data.curves) box.append(chart(c, data.findings.filter((f) => f.path === data.path)));
}

function chart(c, findings) {
  const W = 580, H = 250, L = 56, R = 12, T = 14, B = 44;
  const pts = c.points, n = pts.length;
  const market = Number(c.market), floor = Number(c.line);
  const top = Math.max(market, ...pts.map((p) => Number(p.unit))) * 1.08 || 1;
  const x = (i) => L + (i + 0.5) * (W - L - R) / n;
  const y = (v) => T + (1 - v / top) * (H - T - B);
  const past = pts.filter((p) => p.past).length;
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "data-sku": c.sku, "data-market": c.market, "data-line": c.line,
    "aria-label": `${c.sku}: ${t("market")} ${c.market}, ${t("line")} ${c.line}; ` +
      pts.map((p) => `${p.units} → ${p.unit}`).join(", ") + (past ? ` (${past} ✗)` : "") });
  g.append(svg("line", { x1: L, y1: y(0), x2: W - R, y2: y(0), stroke: "#999" }));
  g.append(svg("line", { x1: L, y1: T, x2: L, y2: y(0), stroke: "#999" }));
  g.append(svg("text", { x: L - 4, y: y(0) + 4, "text-anchor": "end", fill: "#666" }, "0"));
  g.append(svg("text", { x: L - 4, y: T + 4, "text-anchor": "end", fill: "#666" }, t("per-unit")));
  g.append(svg("line", { class: "market", x1: L, y1: y(market), x2: W - R, y2: y(market), stroke: "#888", "stroke-width": 1.5 }));
  g.append(svg("text", { x: W - R, y: y(market) - 4, "text-anchor": "end", fill: "#555" }, `${t("market")} ${c.market}`));
  g.append(svg("line", { class: "floor", x1: L, y1: y(floor), x2: W - R, y2: y(floor), stroke: "#c62828", "stroke-dasharray": "6 4", "stroke-width": 1.5 }));
  g.append(svg("text", { x: W - R, y: y(floor) - 4, "text-anchor": "end", fill: "#c62828" },
    `${t("line")} ${c.line} (${t("below", c.line_percent)})`));
  const path = pts.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(Number(p.unit)).toFixed(1)}`).join(" ");
  g.append(svg("path", { d: path, fill: "none", stroke: "#1f6feb", "stroke-width": 2 }));
  const witness = findings.map((f) => f.witness).find((w) => w && w.cart && w.cart.length === 1 && w.cart[0].sku === c.sku);
  pts.forEach((p, i) => {
    const dot = svg("circle", { class: p.past ? "point past" : "point", cx: x(i), cy: y(Number(p.unit)), r: 4.5,
      fill: p.past ? "#c62828" : (p.applies ? "#1f6feb" : "#bbb"), "data-units": p.units, "data-unit": p.unit,
      "data-past": String(p.past) });
    dot.append(svg("title", {}, `${p.units} × ${c.market} = ${p.subtotal} ${c.currency} → ${p.pays} (${p.unit} ${t("per-unit")})`));
    g.append(dot);
    if (witness && witness.cart[0].quantity === p.units) {
      g.append(svg("circle", { class: "witness", cx: x(i), cy: y(Number(p.unit)), r: 9, fill: "none", stroke: "#c62828", "stroke-width": 2 }));
    }
    const step = Math.ceil(n / 15);
    if (i % step === 0) {
      g.append(svg("text", { x: x(i), y: H - B + 14, "text-anchor": "middle", fill: "#444" }, p.units));
      g.append(svg("text", { x: x(i), y: H - B + 27, "text-anchor": "middle", fill: "#888" }, p.subtotal.replace(/\.00$/, "")));
    }
  });
  g.append(svg("text", { x: L - 4, y: H - B + 14, "text-anchor": "end", fill: "#444" }, t("units")));
  g.append(svg("text", { x: L - 4, y: H - B + 27, "text-anchor": "end", fill: "#888" }, t("subtotal")));
  const box = el("div", { class: "chart", "data-sku": c.sku },
    el("h3", {}, `${c.promotion} · ${c.sku}`, c.stand_in ? el("span", { class: "hint" }, ` — ${t("stand-in")}`) : null), g);
  const shown = witness || firstPast(c);
  if (shown) box.append(receipt(shown, c.currency));
  return box;
}

function firstPast(c) {
  const p = c.points.find((q) => q.past);
  return p ? { cart: [{ sku: c.sku, quantity: p.units, unit_price: c.market }], user: {}, pays: p.pays, market: p.subtotal } : null;
}

// ---------------------------------------------------------------------------- the evaluator
async function evaluate() {
  const body = { cart: document.getElementById("cart-text").value, user: document.getElementById("user-text").value,
    at: document.getElementById("eval-at").value.trim() };
  if (document.getElementById("eval-draft").checked) {
    body.path = document.getElementById("draft-path").value.trim();
    body.text = editor.getValue();
    if (!body.text.trim()) { delete body.path; delete body.text; }
  }
  const box = document.getElementById("eval-result");
  try { state.evalResult = await api("POST", "eval", body); showError(null, "eval"); box.classList.remove("stale"); }
  catch (err) { showError(err, "eval"); box.classList.add("stale"); return; } // the last result stays, marked stale
  renderEval();
}

function renderEval() {
  const box = document.getElementById("eval-result");
  box.replaceChildren();
  const r = state.evalResult;
  if (!r) return;
  const head = ["sku", "qty", "unit", "list", "discount", "pays", "promotions"];
  const table = el("table", {}, el("tr", {}, head.map((h, i) => el("th", { class: i && i < 6 ? "num" : "" }, t(h)))),
    r.lines.map((l) => el("tr", {}, el("td", {}, l.sku), el("td", { class: "num" }, l.quantity),
      el("td", { class: "num" }, l.unit_price), el("td", { class: "num" }, l.list), el("td", { class: "num" }, l.discount),
      el("td", { class: "num" }, l.pays), el("td", {}, l.promotions.join(", ") || "—"))),
    el("tr", {}, el("th", {}, t("total")), el("td"), el("td"), el("th", { class: "num" }, r.subtotal),
      el("th", { class: "num" }, r.discount), el("th", { class: "num", id: "eval-total" }, r.total),
      el("td", {}, r.free_shipping ? t("free-shipping") : "")));
  box.append(el("div", { class: "hint", id: "eval-at-shown" }, r.at), table,
    el("h3", {}, t("applied")),
    el("ul", { id: "eval-applied" }, r.applied.length ? r.applied.map((a) => el("li", { class: "applied", "data-id": a.id },
      `${a.id}: −${a.discount}${a.free_shipping ? " · " + t("free-shipping") : ""}`)) : el("li", {}, t("none"))),
    el("h3", {}, t("not-applied")),
    el("ul", { id: "eval-skipped" }, r.not_applied.length ? r.not_applied.map((s) => el("li", { class: "skipped", "data-id": s.id },
      `${s.id}: ${pick(s.reason)}`)) : el("li", {}, t("none"))),
    r.notes.length ? el("div", {}, el("h3", {}, t("notes")), el("ul", {}, r.notes.map((n) => el("li", {}, pick(n))))) : "");
}

// ---------------------------------------------------------------------------- language
function applyLang() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-tp]")) node.placeholder = t(node.dataset.tp);
  for (const b of document.querySelectorAll("#lang-switch button")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  renderRepo(); renderDraft(); renderEval(); renderStatus(); renderErrors();
  if (state.conflict) document.getElementById("conflict-msg").textContent = pick(state.conflict.error);
}
for (const b of document.querySelectorAll("#lang-switch button")) {
  b.addEventListener("click", () => {
    const before = state.lang;
    state.lang = b.dataset.lang;
    // An untouched template is on screen: it follows the language too.
    for (const kind of ["yaml", "dsl"]) {
      if (before !== state.lang && state.base === null && editor.getValue() === template(kind, before)) {
        editor.setValue(template(kind)); state.clean = editor.getValue();
      }
    }
    applyLang();
  });
}

document.getElementById("save-btn").addEventListener("click", () => save());
document.getElementById("eval-btn").addEventListener("click", evaluate);
document.getElementById("open-btn").addEventListener("click", () => {
  const v = document.getElementById("open-file").value; if (v) openFile(v); });
document.getElementById("new-yaml").addEventListener("click", () => {
  if (mayDiscard()) loadDraft("drafts/draft.promo.yaml", template("yaml"), null); });
document.getElementById("new-dsl").addEventListener("click", () => {
  if (mayDiscard()) loadDraft("drafts/draft.promo", template("dsl"), null); });

applyLang();
loadRepo().then(() => { document.body.dataset.ready = "true"; });
