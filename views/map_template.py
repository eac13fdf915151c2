"""The HTML page around a pyvis network: canvas, legend and a details panel, all inline.

It replaces pyvis 0.3.2's own template, which links Bootstrap from a CDN even with
``cdn_resources="in_line"`` and, when a tooltip contains "href", writes titles with
``innerHTML``. This page loads nothing from the network and writes data only with
``textContent``. Data arrive as JSON through the ``script_json`` filter (safe inside
``<script>``); everything else is autoescaped by Jinja. The page's own texts are Dutch.

Template variables (set by :mod:`views.pyvis_map`): ``nodes``, ``edges``, ``options`` (pyvis) and
``heading`` (a dict: ``title``, ``lines``, ``legend``, ``notes``, ``focus``, ``height`` and
``basemap``: municipal boundaries in network coordinates, or None; see :mod:`views.basemap`).
The base map is drawn on vis-network's ``beforeDrawing`` hook, so it lies under the network and
pans and zooms with it; after the first drawing the view is fitted to the nodes and the base
map's extent (``omvang``) together, so no outer boundary is cut off.
"""

from __future__ import annotations

TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading.title }}</title>
<style>{{ vis_css }}</style>
<script>{{ vis_js }}</script>
<style>
  :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #0b6e99; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: var(--ink); background: #fff; }
  .nk-head { padding: 0 4px 6px; }
  .nk-head h1 { font-size: 17px; margin: 0 0 2px; font-weight: 600; }
  .nk-head p { margin: 0; color: var(--muted); font-size: 13px; }
  .nk-wrap { display: flex; gap: 10px; align-items: stretch; }
  #nk-network { flex: 1 1 auto; min-width: 0; height: {{ heading.height }}px;
                border: 1px solid var(--line); border-radius: 6px; background: #fbfcfd; }
  .nk-side { flex: 0 0 290px; height: {{ heading.height }}px; overflow-y: auto;
             border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
  .nk-side h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
                color: var(--muted); margin: 0 0 6px; }
  .nk-side h3 { font-size: 16px; margin: 0 0 2px; overflow-wrap: anywhere; }
  .nk-side h4 { font-size: 13px; margin: 10px 0 2px; color: var(--muted); }
  .nk-side p { margin: 0 0 4px; overflow-wrap: anywhere; }
  .nk-legend { list-style: none; margin: 0 0 8px; padding: 0; font-size: 13px; }
  .nk-legend li { display: flex; align-items: center; gap: 6px; margin: 1px 0; }
  .nk-sym { width: 16px; text-align: center; font-size: 15px; line-height: 1; }
  .nk-note { font-size: 12px; color: var(--muted); margin: 2px 0; }
  .nk-hint { color: var(--muted); font-style: italic; }
  .nk-kind { color: var(--muted); }
  .nk-example { display: inline-block; margin: 4px 0; padding: 1px 6px; border: 1px dashed #b45309;
                border-radius: 4px; color: #92400e; background: #fffbeb; font-size: 12px; }
  dl.nk-facts { display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; margin: 6px 0;
                font-size: 13px; }
  dl.nk-facts dt { color: var(--muted); }
  dl.nk-facts dd { margin: 0; overflow-wrap: anywhere; }
  ul.nk-rels { margin: 2px 0; padding-left: 16px; font-size: 13px; }
  ul.nk-rels li.nk-ex::after { content: " (voorbeeld)"; color: #92400e; }
  div.vis-tooltip { white-space: pre-line; font: 13px system-ui, sans-serif; max-width: 360px; }
  @media (max-width: 760px) { .nk-wrap { flex-direction: column; } .nk-side { flex-basis: auto; } }
</style>
</head>
<body>
{% if heading.title or heading.lines %}
<div class="nk-head">
  {% if heading.title %}<h1>{{ heading.title }}</h1>{% endif %}
  {% for line in heading.lines %}<p>{{ line }}</p>{% endfor %}
</div>
{% endif %}
<div class="nk-wrap">
  <div id="nk-network" role="img" aria-label="Netwerkkaart"></div>
  <aside class="nk-side">
    <h2>Legenda</h2>
    <ul class="nk-legend">
      {% for item in heading.legend %}
      <li><span class="nk-sym" style="color: {{ item.colour }}">{{ item.symbol }}</span>{{ item.label }}</li>
      {% endfor %}
    </ul>
    {% for note in heading.notes %}<p class="nk-note">{{ note }}</p>{% endfor %}
    <h2 style="margin-top: 12px">Details</h2>
    <div id="nk-details"><p class="nk-hint">Klik op een node voor de feiten en de bron.</p></div>
  </aside>
</div>
<script>
(function () {
  "use strict";
  var nodes = new vis.DataSet({{ nodes | script_json }});
  var edges = new vis.DataSet({{ edges | script_json }});
  var options = {{ options | script_text }};
  var network = new vis.Network(document.getElementById("nk-network"),
                                {nodes: nodes, edges: edges}, options);
  var panel = document.getElementById("nk-details");
  var basemap = {{ heading.basemap | script_json }};
  var FIT_MARGIN = 1.04;  // a little room around what is fitted, as vis-network's own fit

  function trace(ctx, flat, close) {
    ctx.moveTo(flat[0], flat[1]);
    for (var i = 2; i < flat.length; i += 2) { ctx.lineTo(flat[i], flat[i + 1]); }
    if (close) { ctx.closePath(); }
  }

  if (basemap) {
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.lineJoin = "round";
      basemap.gebieden.forEach(function (area) {
        ctx.beginPath();
        area.rings.forEach(function (ring) { trace(ctx, ring, true); });
        ctx.fillStyle = area.gekozen ? "#EEF1F5" : "#F8F9FA";
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = area.gekozen ? "#A3ACB9" : "#D5D9DF";
        ctx.stroke();
      });
      ctx.beginPath();
      basemap.omtrek.forEach(function (line) { trace(ctx, line, false); });
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = "#6B7280";
      ctx.stroke();
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#A3ACB9";
      basemap.schematisch.forEach(function (p) {
        ctx.beginPath();
        ctx.arc(p[0], p[1], basemap.straal, 0, 2 * Math.PI);
        ctx.stroke();
      });
      ctx.restore();
    });
    // vis-network fits the view to the nodes, and the outer municipalities' boundaries reach
    // beyond them: the first view fits the nodes (labels included) and the base map together.
    network.once("afterDrawing", function () {
      var box = basemap.omvang ? basemap.omvang.slice() : [Infinity, Infinity, -Infinity, -Infinity];
      nodes.getIds().forEach(function (id) {
        var b = network.getBoundingBox(id);
        box = [Math.min(box[0], b.left), Math.min(box[1], b.top),
               Math.max(box[2], b.right), Math.max(box[3], b.bottom)];
      });
      var frame = document.getElementById("nk-network");
      var width = box[2] - box[0], height = box[3] - box[1];
      if (!(width > 0 && height > 0 && frame.clientWidth > 0 && frame.clientHeight > 0)) { return; }
      var scale = Math.min(frame.clientWidth / (width * FIT_MARGIN),
                           frame.clientHeight / (height * FIT_MARGIN), 1);
      network.moveTo({position: {x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2},
                      scale: scale, animation: false});
    });
  }

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }

  function showDetails(id) {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var node = id === null ? null : nodes.get(id);
    if (!node) {
      add(panel, "p", "Klik op een node voor de feiten en de bron.", "nk-hint");
      return;
    }
    var d = node.details;
    add(panel, "h3", d.naam);
    add(panel, "p", d.soort, "nk-kind");
    if (d.voorbeeld) {
      add(panel, "span", "(voorbeeld) illustratief, geen enquêteresultaat", "nk-example");
    }
    if (d.feiten.length) {
      var dl = add(panel, "dl", null, "nk-facts");
      d.feiten.forEach(function (f) { add(dl, "dt", f[0]); add(dl, "dd", f[1]); });
    }
    add(panel, "h4", "Bron");
    add(panel, "p", d.bron);
    add(panel, "h4", "Relaties (" + d.aantal_relaties + ")");
    var list = add(panel, "ul", null, "nk-rels");
    d.relaties.forEach(function (r) { add(list, "li", r[0], r[1] ? "nk-ex" : null); });
    if (d.aantal_relaties > d.relaties.length) {
      add(panel, "p", "… en " + (d.aantal_relaties - d.relaties.length) + " meer", "nk-hint");
    }
  }

  network.on("click", function (params) {
    showDetails(params.nodes.length ? params.nodes[0] : null);
  });
  var focus = {{ heading.focus | script_json }};
  if (focus !== null && nodes.get(focus)) {
    network.selectNodes([focus]);
    showDetails(focus);
  }
  window.netwerkkaart = {network: network, nodes: nodes, showDetails: showDetails,
                         basemap: basemap};
})();
</script>
</body>
</html>
"""
