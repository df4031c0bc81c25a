// The officer's page: builds a shipment of the contract from the form, has the service validate
// it (the engine's own messages, placed by JSON pointer), screens it, and shows the screening
// record the engine renders (POST /v1/record), the same HTML `exportctl check --format html`
// writes. A file of shipments becomes a sortable, filterable table (POST /v1/batch) whose rows
// open their record. Nothing here decides anything about the law.
"use strict";

const state = {
  today: new URLSearchParams(location.search).get("today"),  // for tests and replays
  lastAnswer: null,     // the JSON determination shown, to say what a re-screen changed
  lastRequest: null,    // {body, type, query}: what the answer was screened from
  screenings: 0,        // screenings started: an answer from an earlier one is stale
  batchRows: [],
  sort: {key: "line", ascending: true},
  rowCounter: 0,
};

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

// ---- talking to the service ---------------------------------------------------------------

function screeningQuery(extra = {}) {
  const query = new URLSearchParams();
  const knownOn = $("#f-known-on").value.trim();
  if (knownOn) query.set("known_on", knownOn);
  if ($("#f-proposed").checked) query.set("include_proposed", "true");
  if ($("#f-trace").checked) query.set("trace", "true");
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? "?" + text : "";
}

async function post(path, body, type) {
  const response = await fetch(path, {method: "POST", headers: {"Content-Type": type}, body});
  return {response, text: await response.text()};
}

async function problemOf(response, text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return {detail: `${response.status} ${response.statusText}`};
  }
}

// ---- the form ---------------------------------------------------------------------------------

const rowKinds = {
  party: {template: "#party-row", container: "#parties .rows", pointer: "/parties", name: "Party"},
  stop: {template: "#stop-row", container: "#stops .rows", pointer: "/via", name: "Stop"},
  item: {template: "#item-row", container: "#items .rows", pointer: "/items", name: "Item"},
  notice: {template: "#notice-row", container: "#notices .rows", pointer: "/notices", name: "Notice"},
  authorization: {template: "#authorization-row", container: "#authorizations .rows", pointer: "/authorizations", name: "License or permit"},
};

function addRow(kind, values = {}) {
  const spec = rowKinds[kind];
  const row = $(spec.template).content.firstElementChild.cloneNode(true);
  row.dataset.kind = kind;
  const number = ++state.rowCounter;
  for (const control of $$("[data-key]", row)) {
    const id = `f-${kind}-${number}-${control.dataset.key.replace(".", "-")}`;
    control.id = id;
    control.closest(".field").querySelector("label").htmlFor = id;
    const value = lookup(values, control.dataset.key);
    if (value !== undefined && value !== null) control.value = Array.isArray(value) ? value.join(", ") : String(value);
  }
  if (values.metrics || values.description || values.us_origin !== undefined) $("details", row).open = true;
  $(".remove", row).addEventListener("click", () => {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber(kind);
    (next ? $("input, select", next) : $(`[data-add=${kind}]`)).focus();
  });
  $(spec.container).append(row);
  renumber(kind);
  return row;
}

// Rows are named and pointed at by their position: "Party 2", /parties/1.
function renumber(kind) {
  const spec = rowKinds[kind];
  $$(".row", $(spec.container)).forEach((row, index) => {
    row.setAttribute("aria-label", `${spec.name} ${index + 1}`);
    row.dataset.pointer = `${spec.pointer}/${index}`;
    for (const control of $$("[data-key]", row))
      control.dataset.pointer = `${spec.pointer}/${index}/${control.dataset.key.replace(".", "/")}`;
  });
}

function lookup(object, dottedKey) {
  return dottedKey.split(".").reduce((value, key) => (value == null ? undefined : value[key]), object);
}

const text = (selector) => $(selector).value.trim();
const country = (value) => value.trim().toUpperCase();
// A figure as the engine should see it: a number when it reads as one, else the text as typed,
// so that the engine's own "expected a number" lands by the field.
const figure = (value) => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value.trim());
const list = (value) => value.split(",").map((part) => part.trim()).filter(Boolean);

function rowValues(kind) {
  return $$(".row", $(rowKinds[kind].container)).map((row) => {
    const values = {};
    for (const control of $$("[data-key]", row)) values[control.dataset.key] = control.value.trim();
    return values;
  });
}

// The contract's shipment from the form. Required fields are always sent, empty or not, so the
// engine's message for them lands by their field.
function shipmentFromForm() {
  const shipment = {};
  if (text("#f-id")) shipment.id = text("#f-id");
  shipment.ship_date = text("#f-ship-date");
  shipment.origin = country($("#f-origin").value);
  shipment.destination = country($("#f-destination").value);
  const exporter = {};
  if (text("#f-exporter-name")) exporter.name = text("#f-exporter-name");
  if (text("#f-exporter-country")) exporter.country = country($("#f-exporter-country").value);
  if (text("#f-exporter-hq")) exporter.headquarters = country($("#f-exporter-hq").value);
  if (Object.keys(exporter).length) shipment.exporter = exporter;
  const parties = rowValues("party").map((row) => {
    const party = {role: row.role};
    if (row.name) party.name = row.name;
    if (row.country) party.country = country(row.country);
    if (row.headquarters) party.headquarters = country(row.headquarters);
    return party;
  });
  if (parties.length) shipment.parties = parties;
  const via = rowValues("stop").map((row) => {
    const stop = {country: country(row.country), activity: row.activity};
    if (row.date) stop.date = row.date;
    return stop;
  });
  if (via.length) shipment.via = via;
  shipment.items = rowValues("item").map((row) => {
    const item = {};
    if (row.model) item.model = row.model;
    if (row.description) item.description = row.description;
    if (row.quantity) item.quantity = figure(row.quantity);
    if (row.us_origin) item.us_origin = row.us_origin === "true";
    const metrics = {};
    for (const key of ["tpp", "die_area_mm2", "interconnect_gbps", "memory_bandwidth_gbps"])
      if (row["metrics." + key]) metrics[key] = figure(row["metrics." + key]);
    if (row["metrics.datacenter"]) metrics.datacenter = row["metrics.datacenter"] === "true";
    if (Object.keys(metrics).length) item.metrics = metrics;
    return item;
  });
  const notices = rowValues("notice").map((row) => {
    const notice = {authority: row.authority, filed_on: row.filed_on};
    if (row.reference) notice.reference = row.reference;
    return notice;
  });
  if (notices.length) shipment.notices = notices;
  const authorizations = rowValues("authorization").map((row) => {
    const held = {authority: row.authority, kind: row.kind, number: row.number};
    if (row.valid_from) held.valid_from = row.valid_from;
    if (row.valid_to) held.valid_to = row.valid_to;
    if (row.destinations) held.destinations = list(row.destinations).map(country);
    if (row.models) held.models = list(row.models);
    return held;
  });
  if (authorizations.length) shipment.authorizations = authorizations;
  return shipment;
}

const formKeys = new Set(["id", "ship_date", "known_on", "origin", "destination", "exporter", "parties", "via",
                          "items", "notices", "authorizations"]);
const itemKeys = new Set(["model", "description", "quantity", "us_origin", "metrics"]);
const metricKeys = new Set(["tpp", "die_area_mm2", "interconnect_gbps", "memory_bandwidth_gbps", "datacenter"]);

// Whether the form can hold this shipment without losing anything.
function formCanHold(shipment) {
  if (typeof shipment !== "object" || shipment === null || Array.isArray(shipment)) return false;
  if (!Object.keys(shipment).every((key) => formKeys.has(key))) return false;
  return (shipment.items || []).every((item) => Object.keys(item).every((key) => itemKeys.has(key)) &&
      Object.keys(item.metrics || {}).every((key) => metricKeys.has(key)));
}

function fillForm(shipment) {
  clearForm();
  $("#f-id").value = shipment.id || "";
  $("#f-ship-date").value = shipment.ship_date || "";
  $("#f-origin").value = shipment.origin || "";
  $("#f-destination").value = shipment.destination || "";
  $("#f-known-on").value = shipment.known_on || "";
  const exporter = shipment.exporter || {};
  $("#f-exporter-name").value = exporter.name || "";
  $("#f-exporter-country").value = exporter.country || "";
  $("#f-exporter-hq").value = exporter.headquarters || "";
  for (const party of shipment.parties || []) addRow("party", party);
  for (const stop of shipment.via || []) addRow("stop", stop);
  $("#items .rows").replaceChildren();
  for (const item of shipment.items || []) addRow("item", item);
  for (const notice of shipment.notices || []) addRow("notice", notice);
  for (const held of shipment.authorizations || []) addRow("authorization", held);
}

function clearForm() {
  $("#shipment-form").reset();
  for (const kind of Object.keys(rowKinds)) $(rowKinds[kind].container).replaceChildren();
  addRow("item");
  clearProblems();
}

// ---- problems by their fields ---------------------------------------------------------------

function clearProblems() {
  for (const message of $$(".field-error")) message.remove();
  for (const control of $$("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    const describedBy = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (describedBy.length) control.setAttribute("aria-describedby", describedBy.join(" "));
    else control.removeAttribute("aria-describedby");
  }
  $("#form-problems").hidden = true;
  $("#form-problems").replaceChildren();
}

// The control or group the pointer leads to, or its nearest ancestor that the form shows. The
// known_on of the form travels as a query parameter, so a shipment's /known_on is that field.
function elementFor(pointer) {
  let path = pointer;
  while (path && path !== "/") {
    const element = $$("[data-pointer]").find((candidate) => candidate.dataset.pointer === path);
    if (element) return element;
    path = path.slice(0, path.lastIndexOf("/")) || "/";
  }
  return null;
}

// Shows each problem by its field: the engine's words, the field marked invalid and described
// by them, and a summary at the top that links to each.
function showProblems(problems) {
  clearProblems();
  const summary = $("#form-problems");
  const heading = document.createElement("h3");
  heading.textContent = problems.length === 1 ? "The engine found a problem:" : `The engine found ${problems.length} problems:`;
  const items = document.createElement("ul");
  problems.forEach((problem, index) => {
    const target = elementFor(problem.pointer || "");
    const words = problem.problem || problem.detail || problem.message;
    const item = document.createElement("li");
    if (target) {
      const message = document.createElement("p");
      message.className = "field-error";
      message.id = `problem-${index}-error`;
      message.textContent = words;
      if (target.matches("input, select")) {
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", `${target.getAttribute("aria-describedby") || ""} ${message.id}`.trim());
        target.closest(".field").append(message);
      } else {
        target.insertBefore(message, target.firstElementChild ? target.firstElementChild.nextSibling : null);
      }
      const link = document.createElement("a");
      link.href = "#" + (target.id || "");
      link.textContent = `${problem.pointer}: ${words}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        (target.matches("input, select") ? target : $("input, select, button", target) || target).focus();
      });
      item.append(link);
    } else {
      item.textContent = problem.message || problem.detail;
    }
    items.append(item);
  });
  summary.append(heading, items);
  summary.hidden = false;
  summary.focus();
}

// ---- screening ---------------------------------------------------------------------------------

async function screenForm() {
  const started = performance.now();
  const body = JSON.stringify(shipmentFromForm());
  setStatus("Checking the shipment…");
  const validation = await post("/v1/validate", body, "application/json");
  if (!validation.response.ok) return setStatus((await problemOf(validation.response, validation.text)).detail);
  const verdict = JSON.parse(validation.text);
  if (!verdict.valid) {
    setStatus("The shipment has problems; see the messages by the fields.");
    return showProblems(verdict.problems);
  }
  clearProblems();
  await screen(body, "application/json", {started});
}

// Focus goes to a screening's answer only when the person is where they were when it began: a
// late answer must never take the keys of someone typing into another field (a control change
// re-screens while they go on). Without `moveFocus` (re-screening after a control changed) the
// status line, a live region, says the verdict and focus stays put.
function focusAnswer(target, focusedBefore) {
  if (focusedBefore && document.activeElement === focusedBefore) target.focus();
}

// Screens one shipment: the JSON answer (to say what changed) and the record (to show).
async function screen(body, type, {started = performance.now(), moveFocus = true} = {}) {
  const focusedBefore = moveFocus ? document.activeElement : null;
  setStatus("Screening…");
  // One control change can fire more than one event; only the latest screening may show.
  const screening = ++state.screenings;
  const query = screeningQuery();
  const [answer, record] = await Promise.all([
    post("/v1/check" + query, body, type),
    post("/v1/record" + screeningQuery(state.today ? {today: state.today} : {}), body, type),
  ]);
  if (screening !== state.screenings) return;
  if (!answer.response.ok) {
    const problem = await problemOf(answer.response, answer.text);
    if (problem.pointer) showProblems([problem]);
    return setStatus(problem.detail);
  }
  const determination = JSON.parse(answer.text);
  const sameShipment = Boolean(state.lastRequest && state.lastRequest.body === body);
  // Screening the same shipment again under the same controls changes nothing worth saying: the
  // changes already shown stay.
  if (!(sameShipment && state.lastRequest.query === query))
    showChanges(state.lastAnswer, determination, sameShipment);
  state.lastAnswer = determination;
  state.lastRequest = {body, type, query};
  showRecord(record.text);
  $("#batch").hidden = true;
  const words = determination.verdict.replace(/_/g, " ");
  setStatus(`Verdict: ${words}. Screened in ${Math.round(performance.now() - started)} ms.`);
  document.body.dataset.answerMs = String(performance.now() - started);
  focusAnswer($("#answer"), focusedBefore);
}

function setStatus(message) {
  $("#answer-status").textContent = message;
}

function showRecord(html) {
  const document_ = new DOMParser().parseFromString(html, "text/html");
  const record = $("main.record", document_);
  const view = $("#record-view");
  view.replaceChildren(...(record ? Array.from(record.children).map((node) => document.importNode(node, true)) : []));
  $(".answer-actions").hidden = !record;
}

// What a re-screen of the same shipment changed: the verdict, and each requirement that came,
// went or changed status.
function showChanges(before, after, sameShipment) {
  const box = $("#changes");
  box.replaceChildren();
  if (!before || !sameShipment) return (box.hidden = true);
  const key = (requirement) => `${requirement.rule} (${requirement.leg})`;
  const was = new Map(before.requirements.map((requirement) => [key(requirement), requirement.status]));
  const now = new Map(after.requirements.map((requirement) => [key(requirement), requirement.status]));
  const lines = [];
  if (before.verdict !== after.verdict)
    lines.push(`verdict: ${before.verdict.replace(/_/g, " ")} → ${after.verdict.replace(/_/g, " ")}`);
  for (const [name, status] of now)
    if (!was.has(name)) lines.push(`new: ${name}, ${status}`);
    else if (was.get(name) !== status) lines.push(`${name}: ${was.get(name)} → ${status}`);
  for (const [name, status] of was) if (!now.has(name)) lines.push(`gone: ${name} (was ${status})`);
  if (before.warnings.length !== after.warnings.length)
    lines.push(`warnings: ${before.warnings.length} → ${after.warnings.length}`);
  const heading = document.createElement("h3");
  heading.textContent = lines.length ? "What changed" : "Nothing changed";
  const listing = document.createElement("ul");
  for (const line of lines) {
    const item = document.createElement("li");
    item.textContent = line;
    listing.append(item);
  }
  box.append(heading, listing);
  box.hidden = false;
}

async function rescreen() {
  if (!state.lastRequest) return;
  if (!$("#batch").hidden) return screenBatch(state.lastBatch.body, state.lastBatch.type, {moveFocus: false});
  await screen(state.lastRequest.body, state.lastRequest.type, {moveFocus: false});
}

// ---- files and batches -------------------------------------------------------------------------

async function screenFile(file) {
  const content = await file.text();
  const trimmed = content.trimStart();
  $("#file-status").textContent = `Read ${file.name} (${content.length} bytes).`;
  const csv = /\.csv$/i.test(file.name) || !trimmed.startsWith("{");
  if (!csv) {
    let single = null;
    try {
      single = JSON.parse(content);
    } catch (error) {
      single = null;  // several lines of JSON: a batch
    }
    if (single !== null) {
      if (formCanHold(single)) {
        fillForm(single);
        $("#file-status").textContent = `${file.name}: one shipment, put in the form.`;
        return screenForm();
      }
      $("#file-status").textContent = `${file.name}: one shipment with details the form does not show; screened as it is.`;
      return screen(content, "application/json");
    }
  }
  return screenBatch(content, csv ? "text/csv" : "application/x-ndjson");
}

async function screenBatch(body, type, {moveFocus = true} = {}) {
  const started = performance.now();
  const focusedBefore = moveFocus ? document.activeElement : null;
  state.lastBatch = {body, type};
  setStatus("Screening the batch…");
  const screening = ++state.screenings;
  const [answers, record] = await Promise.all([
    post("/v1/batch" + screeningQuery(), body, type),
    post("/v1/record" + screeningQuery(state.today ? {today: state.today} : {}), body, type),
  ]);
  if (screening !== state.screenings) return;
  if (!answers.response.ok) return setStatus((await problemOf(answers.response, answers.text)).detail);
  const lines = answers.text.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  showRecord(record.text);
  const sections = $$("#record-view section.shipment");
  state.batchRows = lines.map((answer, index) => ({
    line: index + 1,
    id: answer.error ? "" : answer.shipment_id,
    ship_date: answer.error ? "" : answer.ship_date,
    verdict: answer.error ? "error" : answer.verdict,
    outstanding: answer.error ? answer.error : answer.requirements.filter((r) => r.status === "missing" || r.status === "late")
        .map((r) => `${r.authority} ${r.kind} ${r.status}`).join("; "),
    section: sections[index],
  }));
  state.lastAnswer = null;
  state.lastRequest = {body, type};
  $("#changes").hidden = true;
  $("#batch").hidden = false;
  renderBatch();
  showBatchRecord(null);
  setStatus(`${lines.length} shipments screened in ${Math.round(performance.now() - started)} ms; open a row's report below.`);
  focusAnswer($("#batch-title"), focusedBefore);
}

function renderBatch() {
  const filter = $("#f-verdict-filter").value;
  const {key, ascending} = state.sort;
  const rows = state.batchRows.filter((row) => !filter || row.verdict === filter).sort((a, b) => {
    const order = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.line - b.line;
    return ascending ? order : -order;
  });
  const body = $("#batch-table tbody");
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement("tr");
    tr.dataset.verdict = row.verdict;
    const cell = (value) => {
      const td = document.createElement("td");
      td.textContent = value;
      tr.append(td);
      return td;
    };
    cell(String(row.line));
    cell(row.id);
    cell(row.ship_date);
    const chip = document.createElement("span");
    chip.className = "verdict-chip " + row.verdict;
    chip.textContent = row.verdict === "error" ? "not screened" : row.verdict.replace(/_/g, " ");
    cell("").append(chip);
    cell(row.outstanding);
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = "Open report";
    open.setAttribute("aria-label", `Open the report of row ${row.line}${row.id ? " (" + row.id + ")" : ""}`);
    open.addEventListener("click", () => {
      $$("#batch-table tr.selected").forEach((selected) => selected.classList.remove("selected"));
      tr.classList.add("selected");
      showBatchRecord(row);
    });
    cell("").append(open);
    return tr;
  }));
  $("#batch-count").textContent = `${rows.length} of ${state.batchRows.length} shipments shown.`;
  for (const th of $$("#batch-table th[aria-sort]"))
    th.setAttribute("aria-sort", $("button", th).dataset.sort === key ? (ascending ? "ascending" : "descending") : "none");
}

function showBatchRecord(row) {
  for (const section of $$("#record-view section.shipment")) section.hidden = !row || section !== row.section;
  $(".answer-actions").hidden = !row;
  if (row) {
    setStatus(`Report of row ${row.line}: ${row.verdict.replace(/_/g, " ")}.`);
    $("#answer").focus();
  }
}

// ---- start ---------------------------------------------------------------------------------

async function loadReferenceData() {
  const [catalog, about] = await Promise.all([fetch("/v1/catalog").then((r) => r.json()), fetch("/v1/about").then((r) => r.json())]);
  const option = (value, label) => {
    const element = document.createElement("option");
    element.value = value;
    if (label) element.label = label;
    element.textContent = label || value;
    return element;
  };
  $("#countries").replaceChildren(...catalog.countries.map((c) => option(c.code, `${c.code} ${c.name}`)));
  $("#models").replaceChildren(...catalog.models.map((m) => option(m.name, [m.name, ...m.aliases].join(", "))));
  const rules = about.rules;
  $("#rules-status").textContent = `Rules ${rules.digest.slice(0, 19)}… (${rules.versions} versions), ` +
      `known up to ${rules.latest_known_from}; engine ${about.engine_version}; today ${state.today || about.today}.`;
  $("#rules-status").title = rules.digest;
}

function start() {
  clearForm();
  $("#shipment-form").addEventListener("submit", (event) => {
    event.preventDefault();
    screenForm();
  });
  $("#clear-form").addEventListener("click", () => {
    clearForm();
    $("#f-id").focus();
  });
  for (const button of $$("[data-add]"))
    button.addEventListener("click", () => $("input, select", addRow(button.dataset.add)).focus());
  // "As known on" and "include proposed" screen again in place, so the officer sees what changes.
  $("#f-known-on").addEventListener("change", rescreen);
  $("#f-proposed").addEventListener("change", rescreen);
  $("#f-trace").addEventListener("change", rescreen);
  $("#f-file").addEventListener("change", () => {
    if ($("#f-file").files[0]) screenFile($("#f-file").files[0]);
  });
  const zone = $("#drop-zone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer.files[0]) screenFile(event.dataTransfer.files[0]);
  });
  $("#f-verdict-filter").addEventListener("change", renderBatch);
  for (const button of $$("#batch-table th button"))
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.sort = {key, ascending: state.sort.key === key ? !state.sort.ascending : true};
      renderBatch();
    });
  $("#print-record").addEventListener("click", () => window.print());
  $("#print-batch").addEventListener("click", () => {
    document.body.classList.add("printing-batch");
    window.print();
    document.body.classList.remove("printing-batch");
  });
  loadReferenceData().catch((error) => ($("#rules-status").textContent = "Could not load the rules: " + error));
}

document.addEventListener("DOMContentLoaded", start);
