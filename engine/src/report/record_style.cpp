// The style of the screening record (html_report.hpp). Every rule is scoped to .record so that
// the officer's page can adopt the sheet beside its own. Colours meet WCAG AA (4.5:1 for text)
// on white; the verdict and each status also have words and a symbol, never colour alone.
// Printing: each shipment starts a page, requirements are not split, links show their address,
// and the margins suit A4 and Letter alike.
#include "report/html_report.hpp"

namespace exportctl {

std::string_view record_style() {
  static constexpr std::string_view kStyle = R"css(
.record{font:15px/1.45 "DejaVu Sans",Arial,sans-serif;color:#1a1a1a;background:#fff;max-width:1100px;margin:0 auto;padding:0 12px}
.record h1{font-size:1.5em;margin:.6em 0 .2em}
.record h2{font-size:1.25em;margin:0 0 .3em;display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
.record h3{font-size:1.05em;margin:1.2em 0 .4em;border-bottom:1px solid #c8c8c8}
.record h4{font-size:1em;margin:0 0 .3em}
.record .record-head p{margin:0 0 1em;color:#444;overflow-wrap:anywhere}
.record .shipment{border-left:8px solid #767676;padding:.6em 0 .6em 1em;margin:0 0 2em}
.record .verdict-cleared{border-color:#0a6b2f}
.record .verdict-action_required{border-color:#8c4a00}
.record .verdict-prohibited{border-color:#a3111b}
.record .verdict-indeterminate{border-color:#434a8f}
.record .verdict-badge,.record .status-badge{display:inline-block;color:#fff;font-weight:bold;letter-spacing:.03em;padding:.15em .6em;border-radius:4px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.record .verdict-badge{font-size:1.1em;background:#595959}
.record .verdict-badge.verdict-cleared{background:#0a6b2f}
.record .verdict-badge.verdict-action_required{background:#8c4a00}
.record .verdict-badge.verdict-prohibited{background:#a3111b}
.record .verdict-badge.verdict-indeterminate{background:#434a8f}
.record .status-badge{font-size:.85em;background:#595959}
.record .status-badge.status-missing,.record .status-badge.status-late{background:#a3111b}
.record .status-badge.status-satisfied,.record .status-badge.status-exception{background:#0a6b2f}
.record .verdict-meaning{margin:.2em 0 .6em;font-weight:bold}
.record dl{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;gap:.15em 1em;margin:.3em 0}
.record dt{font-weight:bold;color:#333}
.record dd{margin:0;overflow-wrap:anywhere}
.record dd.overdue{color:#a3111b;font-weight:bold}
.record ol.requirements{padding-left:1.4em}
.record li.requirement{margin:0 0 1em;padding:.5em .7em;border:1px solid #c8c8c8;border-radius:4px}
.record table{border-collapse:collapse;width:100%;margin:.3em 0;font-size:.93em}
.record th,.record td{border:1px solid #c8c8c8;padding:.25em .45em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.record th{background:#f0f0f0}
.record a{color:#0b4f9c}
.record .timeline-figure{margin:0}
.record svg.timeline{display:block;max-width:100%;height:auto;font:11px "DejaVu Sans",Arial,sans-serif}
.record .tl-axis,.record .tl-tick{stroke:#333;stroke-width:1.5}
.record g.tl-break rect{fill:#fff}
.record g.tl-break path{fill:none;stroke:#333;stroke-width:1.5}
.record .tl-leader{stroke:#8a8a8a;stroke-dasharray:2 2}
.record .tl-tick-label{fill:#333}
.record text.tl-label{fill:#1a1a1a}
.record text.tl-overdue,.record text.tl-deadline{font-weight:bold}
.record g.tl-today{fill:#1a1a1a}
.record g.tl-ship,.record g.tl-stop{fill:#1f4e8c}
.record g.tl-notice{fill:#fff;stroke:#1f4e8c;stroke-width:2}
.record g.tl-deadline{fill:#8c4a00}
.record g.tl-overdue{fill:#a3111b}
.record g.tl-earliest{fill:#0a6b2f}
.record g.tl-rule{fill:#595959}
.record .timeline-list{columns:2 22em;column-gap:2.5em;margin:.4em 0;padding-left:1.4em;font-size:.9em}
.record .timeline-list li{break-inside:avoid;overflow-wrap:anywhere}
.record .timeline-list time{font-variant-numeric:tabular-nums}
.record .tl-item-rule{color:#444}
.record .timeline-note,.record .rules-line{font-size:.85em;color:#444;overflow-wrap:anywhere}
.record .disclaimer{font-style:italic}
.record .error-message{font-family:"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
@media (max-width:600px){
.record{font-size:14px;padding:0 4px}
.record .shipment{padding-left:.6em;border-left-width:6px}
.record dl{grid-template-columns:1fr}
.record dd{margin-bottom:.3em}
.record table{display:block;overflow-x:auto}
.record .timeline-list{columns:1}
}
@page{margin:14mm 12mm}
@media print{
.record{font-size:10.5pt;max-width:none;padding:0}
.record .shipment{break-before:page;margin:0}
.record .record-head+.shipment{break-before:auto}
.record li.requirement,.record tr,.record .timeline-figure{break-inside:avoid}
.record h3{break-after:avoid}
.record a{color:#1a1a1a;text-decoration:none}
}
)css";
  return kStyle;
}

}  // namespace exportctl
