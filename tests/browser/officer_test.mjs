// The officer's page end to end (tests/browser/run.sh): a real `exportctl serve` on a free
// loopback port, Debian's Chromium headless through playwright-core. What issue 10 asks:
//   - the H100-via-Malaysia sample typed into the form from the keyboard alone gives ACTION
//     REQUIRED with the Malaysian notice LATE and its dates;
//   - samples/shipments.jsonl uploaded gives one row per shipment with the verdicts `exportctl
//     batch` gives, sortable, filterable, each row opening its report;
//   - a bad ship date shows the engine's own message by the field;
//   - switching "as known on" re-screens the bitemporal sample and says what changed;
//   - printing to PDF (A4 and Letter) gives the record: verdict and citations, no controls;
//   - labels on every control, axe-core's WCAG 2 A/AA rules (contrast among them), no
//     horizontal scrolling at 390 px;
// and it measures page load (navigation timing) and time to answer (submit to verdict shown).
import {execFileSync, spawn, spawnSync} from "node:child_process";
import {readFileSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const {chromium} = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const EXPORTCTL = process.env.EXPORTCTL;
const SCREENSHOTS = process.env.SCREENSHOTS;
const TMP = process.env.BROWSER_TMP;
const TODAY = "2026-12-02";  // deadlines counted from a fixed day, so the pictures do not drift
let passed = 0, failed = 0;
const timings = [];

function check(name, ok, detail = "") {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${name}${detail ? ": " + detail : ""}`);
  }
  return ok;
}

function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(EXPORTCTL, ["serve", "--port", "0", "--rules", "rules", "--access-log", "off"],
                         {stdio: ["ignore", "ignore", "pipe"]});
    let buffer = "";
    const timer = setTimeout(() => reject(new Error("serve did not start within 20 s")), 20000);
    server.stderr.on("data", (chunk) => {
      buffer += chunk;
      for (const line of buffer.split("\n")) {
        if (!line.includes('"listening"')) continue;
        clearTimeout(timer);
        resolve({server, port: JSON.parse(line).port});
      }
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${buffer}`)));
  });
}

const verdictShown = (page) => page.locator("#record-view section.shipment:not([hidden]) .verdict-badge").first();

async function screenshot(page, name, options = {}) {
  await page.screenshot({path: path.join(SCREENSHOTS, name), ...options});
}

// Types into whatever has focus after checking it is the control labelled `label`, as a person
// at the keyboard would: the whole form must work without a mouse.
async function typeInto(page, label, text) {
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    const labels = element && element.labels ? Array.from(element.labels).map((l) => l.textContent.trim()) : [];
    return labels.join(" | ") || (element ? element.textContent.trim() || element.id : "");
  });
  if (!focused.startsWith(label)) throw new Error(`expected focus on "${label}", found "${focused}"`);
  if (text) await page.keyboard.type(text);
  await page.keyboard.press("Escape");  // closes a datalist's suggestions
}

async function tab(page, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press("Tab");
}

async function fillH100ViaMalaysiaByKeyboard(page) {
  await page.focus("#f-id");  // from here on, only keys
  const steps = [
    ["Shipment id", "SHP-2025-0801-H100-VN"], ["Ship date", "2025-08-01"], ["Origin country", "US"],
    ["Destination country", "VN"], ["Name", "NVIDIA Corporation"], ["Country", "US"], ["Headquarters", "US"],
  ];
  for (const [label, text] of steps) {
    await typeInto(page, label, text);
    await tab(page);
  }
  await typeInto(page, "Add a party");
  await page.keyboard.press("Enter");
  await typeInto(page, "Role");  // end user is the first choice
  for (const [label, text] of [["Name", "Example Cloud JSC"], ["Country", "VN"], ["Headquarters", "VN"]]) {
    await tab(page);
    await typeInto(page, label, text);
  }
  await tab(page, 3);  // past "Remove this party" and "Add a party"
  await typeInto(page, "Add a stop");
  await page.keyboard.press("Enter");
  await typeInto(page, "Country", "MY");
  await tab(page);
  await typeInto(page, "Activity");  // transshipment is the first choice
  await tab(page, 4);  // date (empty: the ship date), remove, add stop
  await typeInto(page, "Model", "NVIDIA H100 SXM");
  await tab(page);
  await typeInto(page, "Quantity", "8");
  await tab(page, 4);  // the figures, remove, add item
  await typeInto(page, "Add a notice");
  await page.keyboard.press("Enter");
  await typeInto(page, "Authority");  // MY-MITI is the first choice
  await tab(page);
  await typeInto(page, "Filed on", "2025-07-22");
  await tab(page);
  await typeInto(page, "Reference", "STS/2025/123");
}

async function main() {
  const {server, port} = await startServer();
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    // bypassCSP only so that axe-core can be injected; the page itself runs under its policy.
    const context = await browser.newContext({viewport: {width: 1280, height: 800}, bypassCSP: true});
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));

    // ---- load ---------------------------------------------------------------------------------
    const loadStarted = Date.now();
    await page.goto(`${base}/?today=${TODAY}`);
    await page.waitForFunction(() => /versions/.test(document.querySelector("#rules-status").textContent));
    const ready = Date.now() - loadStarted;
    const navigation = await page.evaluate(() => performance.getEntriesByType("navigation")[0].toJSON());
    timings.push(`page load: response end ${navigation.responseEnd.toFixed(1)} ms, DOM content loaded ` +
                 `${navigation.domContentLoadedEventEnd.toFixed(1)} ms, load event ${navigation.loadEventEnd.toFixed(1)} ms, ` +
                 `rules and catalog shown ${ready} ms after navigation began`);
    const status = await page.textContent("#rules-status");
    check("the rules' digest and latest known_from are shown", /sha256:[0-9a-f]{12}.*known up to \d{4}-\d{2}-\d{2}/.test(status), status);
    check("the catalog feeds the model typeahead", (await page.locator("#models option").count()) >= 15);

    // ---- every control has a label --------------------------------------------------------------
    await page.click("[data-add=party]");
    await page.click("[data-add=stop]");
    await page.click("[data-add=notice]");
    await page.click("[data-add=authorization]");
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll("input, select, button, textarea"))
        .filter((control) => !(control.labels && control.labels.length) && !control.getAttribute("aria-label") &&
                             !(control.tagName === "BUTTON" && control.textContent.trim()))
        .map((control) => control.id || control.outerHTML.slice(0, 60)));
    check("every control has a label", unlabelled.length === 0, unlabelled.join(", "));
    await page.click("#clear-form");

    // ---- the H100-via-Malaysia sample from the keyboard -------------------------------------------
    await fillH100ViaMalaysiaByKeyboard(page);
    await screenshot(page, "form.png", {fullPage: true});
    // From the last field to the Screen button, still by keyboard.
    await tab(page, 7);  // remove notice, add notice, add license, as known on, proposed, trace, Screen
    await typeInto(page, "Screen");
    const submitted = Date.now();
    await page.keyboard.press("Enter");
    await verdictShown(page).waitFor();
    const answerMs = Date.now() - submitted;
    timings.push(`time to answer (form): ${answerMs} ms from Enter to the verdict shown ` +
                 `(the page's own count, validate + check + record: ${Number(await page.evaluate(() => document.body.dataset.answerMs)).toFixed(1)} ms)`);
    const verdict = (await verdictShown(page).textContent()).trim();
    check("the form's answer is ACTION REQUIRED", verdict.endsWith("ACTION REQUIRED"), verdict);
    const notice = page.locator("#record-view li.requirement", {hasText: "MY-MITI notification"});
    const noticeText = (await notice.textContent()) || "";
    check("the Malaysian notice is LATE", /LATE/.test(noticeText), noticeText.slice(0, 200));
    check("the late notice names its dates", noticeText.includes("2025-07-02") && noticeText.includes("2025-08-21") &&
          noticeText.includes("2025-07-22"), noticeText.slice(0, 400));
    check("deadlines are counted from today", noticeText.includes("the last day to file was 2025-07-02, 518 days ago"),
          noticeText.slice(0, 400));
    const citation = page.locator("#record-view li.requirement a[href^='https://']").first();
    check("citations link to their source", (await citation.count()) === 1);
    check("the timeline is drawn", (await page.locator("#record-view svg.timeline").count()) === 1);
    await page.locator("#answer").screenshot({path: path.join(SCREENSHOTS, "answer.png")});

    // ---- accessibility of the answer --------------------------------------------------------------
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () => {
      const result = await window.axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
      return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join("; ")}`);
    });
    check("axe-core finds no WCAG 2 A/AA violation on the answer", axe.length === 0, axe.join(" | "));

    // ---- printing: A4 and Letter ------------------------------------------------------------------
    for (const format of ["A4", "Letter"]) {
      const pdf = path.join(TMP, `record-${format}.pdf`);
      await page.pdf({path: pdf, format, printBackground: true});
      const textOfPdf = execFileSync("pdftotext", ["-layout", pdf, "-"], {encoding: "utf8"});
      check(`the printed record (${format}) has the verdict and the citations`,
            textOfPdf.includes("ACTION REQUIRED") && textOfPdf.includes("Strategic Trade Act 2010") &&
            textOfPdf.includes("15 CFR 742.6") && textOfPdf.includes("https://"), textOfPdf.slice(0, 300));
      check(`the printed record (${format}) has no controls`,
            !textOfPdf.includes("Print the record") && !textOfPdf.includes("Shipment id") && !textOfPdf.includes("Add a party"));
      if (format === "A4")
        execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(SCREENSHOTS, "printed-record")]);
    }

    // ---- a bad ship date: the engine's message by the field ---------------------------------------
    await page.fill("#f-ship-date", "2025-02-30");
    await page.click("button[type=submit]");
    const shipDateError = page.locator("#f-ship-date ~ .field-error");
    await shipDateError.waitFor();
    const message = await shipDateError.textContent();
    check("a bad ship date shows the engine's message by the field", message.includes('"2025-02-30" is not a date'), message);
    check("the bad field is marked invalid", (await page.getAttribute("#f-ship-date", "aria-invalid")) === "true");
    await page.fill("#f-origin", "XX");
    await page.click("button[type=submit]");
    await page.locator("#f-origin ~ .field-error").waitFor();
    const both = await page.locator(".field-error").allTextContents();
    check("every field at fault gets its message at once", both.length === 2 && both.some((m) => m.includes('"XX"')), both.join(" | "));
    await screenshot(page, "bad-input.png");

    // ---- "as known on" re-screens the bitemporal sample ---------------------------------------------
    await page.setInputFiles("#f-file", "samples/h100-malaysia-large-order.json");
    await page.waitForFunction(() => /CLEARED/.test(document.querySelector("#record-view .verdict-badge")?.textContent || ""));
    check("the bitemporal sample is cleared as recorded", true);
    await page.fill("#f-known-on", "2025-05-01");
    await page.dispatchEvent("#f-known-on", "change");
    await page.waitForFunction(() => /ACTION REQUIRED/.test(document.querySelector("#record-view .verdict-badge")?.textContent || ""));
    const changes = await page.textContent("#changes");
    check("as known on 2025-05-01 it needs action, and the page says what changed",
          changes.includes("verdict: cleared → action required"), changes);
    // A re-screening after a control changed leaves focus where it is: a late answer that took
    // it made the next keys go elsewhere (in CI, the date below was never cleared).
    check("re-screening leaves focus in the control that changed",
          (await page.evaluate(() => document.activeElement.id)) === "f-known-on");
    await page.fill("#f-known-on", "");
    await page.dispatchEvent("#f-known-on", "change");
    await page.waitForFunction(() => /CLEARED/.test(document.querySelector("#record-view .verdict-badge")?.textContent || ""));

    // ---- a batch: one row per shipment, with the verdicts `exportctl batch` gives ---------------
    // batch exits with the worst verdict's code, so its status is not a failure here.
    const expected = spawnSync(EXPORTCTL, ["batch", "samples/shipments.jsonl", "--rules", "rules"], {encoding: "utf8"}).stdout
        .split("\n").filter(Boolean).map((line) => JSON.parse(line)).map((a) => a.verdict || "error");
    const batchStarted = Date.now();
    await page.setInputFiles("#f-file", "samples/shipments.jsonl");
    await page.locator("#batch-table tbody tr").first().waitFor();
    timings.push(`time to answer (batch of ${expected.length}): ${Date.now() - batchStarted} ms from the file chosen to the table shown`);
    const rows = await page.$$eval("#batch-table tbody tr", (trs) => trs.map((tr) => tr.dataset.verdict));
    check("one row per shipment", rows.length === expected.length && expected.length === 48, `${rows.length} rows`);
    const differing = expected.map((verdict, line) => rows[line] === verdict ? null : `line ${line + 1}: page ${rows[line]}, batch ${verdict}`)
        .filter(Boolean);
    check("each row's verdict is the one batch gives", differing.length === 0, differing.join("; "));
    await page.selectOption("#f-verdict-filter", "cleared");
    const cleared = await page.$$eval("#batch-table tbody tr", (trs) => trs.map((tr) => tr.dataset.verdict));
    check("filtering by verdict", cleared.length === expected.filter((v) => v === "cleared").length &&
          cleared.every((v) => v === "cleared"), cleared.join(","));
    await page.selectOption("#f-verdict-filter", "");
    await page.click("#batch-table th button[data-sort=verdict]");
    const sorted = await page.$$eval("#batch-table tbody tr", (trs) => trs.map((tr) => tr.dataset.verdict));
    check("sorting by verdict", JSON.stringify(sorted) === JSON.stringify([...expected].sort()));
    await page.click("#batch-table th button[data-sort=line]");
    await page.locator("#batch-table tbody tr").nth(3).locator("button").click();
    const shown = await page.$$eval("#record-view section.shipment:not([hidden])", (sections) => sections.map((s) => s.dataset.verdict));
    check("a row opens its own report", shown.length === 1 && shown[0] === expected[3], shown.join(","));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(".results").screenshot({path: path.join(SCREENSHOTS, "batch.png")});
    await page.evaluate(axeSource);
    const axeBatch = await page.evaluate(async () => (await window.axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}}))
        .violations.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join("; ")}`));
    check("axe-core finds no WCAG 2 A/AA violation on the batch", axeBatch.length === 0, axeBatch.join(" | "));

    // ---- a 390 px phone ---------------------------------------------------------------------------
    const phone = await browser.newContext({viewport: {width: 390, height: 844}, deviceScaleFactor: 1});
    const small = await phone.newPage();
    await small.goto(`${base}/?today=${TODAY}`);
    await small.waitForFunction(() => /versions/.test(document.querySelector("#rules-status").textContent));
    await small.setInputFiles("#f-file", "samples/h100-vietnam-via-malaysia.json");
    await verdictShown(small).waitFor();
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth);
    check("no horizontal scrolling at 390 px", overflow <= 390, `scroll width ${overflow}`);
    await small.locator("#answer").screenshot({path: path.join(SCREENSHOTS, "phone.png")});
    await phone.close();

    // ---- the walkthrough of docs/officer.md: two orders an officer types in ------------------------
    await page.goto(`${base}/?today=${TODAY}`);
    await page.waitForFunction(() => /versions/.test(document.querySelector("#rules-status").textContent));
    const order = async (fields, rows) => {
      await page.click("#clear-form");
      for (const [selector, value] of fields) await page.fill(selector, value);
      for (const [kind, values] of rows) {
        const row = kind === "item" ? page.locator("#items .row").first() : null;
        if (!row) await page.click(`[data-add=${kind}]`);
        const target = row || page.locator(`${{party: "#parties", stop: "#stops", notice: "#notices"}[kind]} .row`).last();
        for (const [key, value] of Object.entries(values)) {
          const control = target.locator(`[data-key="${key}"]`);
          if (await control.evaluate((element) => element.tagName === "SELECT")) await control.selectOption(value);
          else await control.fill(value);
        }
      }
      await page.click("button[type=submit]");
      await verdictShown(page).waitFor();
      return (await verdictShown(page).textContent()).trim();
    };
    const h20 = await order([["#f-id", "SO-7001"], ["#f-ship-date", "2026-12-15"], ["#f-origin", "US"], ["#f-destination", "SG"],
                             ["#f-exporter-name", "NVIDIA Corporation"], ["#f-exporter-country", "US"], ["#f-exporter-hq", "US"]],
                            [["party", {role: "purchaser", name: "Lion City Compute Pte Ltd", country: "SG", headquarters: "CN"}],
                             ["item", {model: "H20", quantity: "200"}]]);
    check("walkthrough: 200 H20 to a Singapore buyer with a Chinese parent need a license", h20.endsWith("ACTION REQUIRED"), h20);
    await page.locator("#answer").screenshot({path: path.join(SCREENSHOTS, "walkthrough-h20.png")});
    const h100 = await order([["#f-id", "SO-7002"], ["#f-ship-date", "2027-01-15"], ["#f-origin", "US"], ["#f-destination", "VN"],
                              ["#f-exporter-name", "NVIDIA Corporation"], ["#f-exporter-country", "US"], ["#f-exporter-hq", "US"]],
                             [["party", {role: "end_user", name: "Saigon AI Cloud JSC", country: "VN", headquarters: "VN"}],
                              ["stop", {country: "MY", activity: "transshipment", date: "2027-01-22"}],
                              ["item", {model: "H100 SXM", quantity: "50"}]]);
    const malaysianNotice = (await page.locator("#record-view li.requirement", {hasText: "MY-MITI notification"}).textContent()) || "";
    check("walkthrough: 50 H100 via Port Klang to Vietnam, the notice due in three weeks",
          h100.endsWith("ACTION REQUIRED") && malaysianNotice.includes("file by 2026-12-23, in 21 days"), malaysianNotice.slice(0, 300));
    await page.locator("#answer").screenshot({path: path.join(SCREENSHOTS, "walkthrough-h100.png")});

    check("the page raised no script errors", pageErrors.length === 0, pageErrors.join(" | "));
    await context.close();
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

const started = Date.now();
main().catch((error) => check("the browser suite ran to the end", false, error.stack || String(error))).finally(() => {
  for (const line of timings) console.log("MEASURED: " + line);
  console.log(`suite time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});
