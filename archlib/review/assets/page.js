"use strict";
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  var hint = document.getElementById("panel-hint");

  function card(id) {
    return document.getElementById("component-" + id);
  }

  function clear(selector, name) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.classList.remove(name);
    });
  }

  function select(id) {
    var chosen = card(id);
    if (!chosen || !chosen.classList.contains("component-card")) {
      return false;
    }
    clear(".component-card.shown", "shown");
    clear("svg.diagram g.selected", "selected");
    chosen.classList.add("shown");
    if (hint) {
      hint.hidden = true;
    }
    document.querySelectorAll("svg.diagram g[data-component]").forEach(function (node) {
      if (node.getAttribute("data-component") === id) {
        node.classList.add("selected");
      }
    });
    return true;
  }

  // Components are drawn as nodes titled with their id; a host, which holds others, as a
  // cluster titled "cluster_host-<id>".
  function componentOf(shape) {
    var title = shape.querySelector("title");
    var text = title ? title.textContent.trim() : "";
    if (shape.classList.contains("cluster")) {
      text = text.indexOf("cluster_host-") === 0 ? text.slice("cluster_host-".length) : "";
    }
    return text && card(text) ? text : "";
  }

  document.querySelectorAll("svg.diagram g.node, svg.diagram g.cluster").forEach(function (node) {
    var id = componentOf(node);
    if (!id) {
      return;
    }
    node.setAttribute("data-component", id);
    // A finding's border (red SPOF, purple security, ...) is drawn wider than the plain one;
    // selection must never repaint it, so marked shapes get a halo instead.
    var shape = node.querySelector(":scope > path, :scope > polygon, :scope > rect");
    if (shape && parseFloat(shape.getAttribute("stroke-width") || "1") > 1) {
      node.classList.add("marked");
    }
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", "Show " + id);
    node.addEventListener("click", function (event) {
      event.stopPropagation();
      select(id);
    });
    node.addEventListener("mouseenter", function () { select(id); });
    node.addEventListener("focus", function () { select(id); });
  });

  document.querySelectorAll("[data-select]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (select(link.getAttribute("data-select"))) {
        event.preventDefault();
        var diagram = document.getElementById("diagram");
        if (diagram && link.closest(".component-panel") === null) {
          diagram.scrollIntoView({ block: "start" });
        }
      }
    });
  });

  function reveal() {
    var target = window.location.hash.length > 1 ? document.getElementById(window.location.hash.slice(1)) : null;
    var folded = target ? target.closest("details") : null;
    while (folded) {
      folded.open = true;
      folded = folded.parentElement ? folded.parentElement.closest("details") : null;
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  var wanted = decodeURIComponent(window.location.hash.replace(/^#component-/, ""));
  var preferred = document.querySelector(".component-card[data-preferred]");
  if (!(window.location.hash.indexOf("#component-") === 0 && select(wanted)) && preferred) {
    select(preferred.getAttribute("data-component"));
  }

  function sortValue(cell, numeric) {
    if (!cell) {
      return numeric ? -Infinity : "";
    }
    if (numeric) {
      var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.replace(/[^0-9.eE+-]/g, "");
      var value = parseFloat(raw);
      return isNaN(value) ? -Infinity : value;
    }
    return cell.textContent.trim().toLowerCase();
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (header, column) {
      header.setAttribute("tabindex", "0");
      function sort() {
        var numeric = header.getAttribute("data-type") === "number";
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[column], numeric);
          var y = sortValue(b.cells[column], numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sort();
        }
      });
    });
  });

  // Zoom and pan: the diagram is drawn in points; "full size" shows it at its own size (one
  // point to 4/3 px, as Graphviz sizes it), "fit" to the frame's width.
  var frame = document.querySelector(".diagram-frame");
  var drawing = frame ? frame.querySelector("svg.diagram") : null;
  var tools = document.querySelector(".diagram-tools");
  if (frame && drawing && tools && drawing.viewBox && drawing.viewBox.baseVal) {
    var natural = drawing.viewBox.baseVal.width * 4 / 3;
    var level = tools.querySelector(".zoom-level");
    var layoutBox = frame.closest(".diagram-layout");
    var scale = 0;
    var zoom = function (next) {
      scale = Math.min(Math.max(next, 0.1), 4);
      frame.classList.add("zoomed");
      drawing.style.width = Math.round(natural * scale) + "px";
      level.textContent = Math.round(scale * 100) + " %";
    };
    var fit = function () {
      scale = 0;
      frame.classList.remove("zoomed");
      drawing.style.width = "";
      level.textContent = "fit";
    };
    var current = function () {
      return scale || drawing.getBoundingClientRect().width / natural;
    };
    tools.hidden = false;
    level.textContent = "fit";
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-zoom");
      if (action === "in") { zoom(current() * 1.25); }
      if (action === "out") { zoom(current() / 1.25); }
      if (action === "fit") { fit(); }
      if (action === "actual") { zoom(1); }
      if (action === "wide" && layoutBox) {
        var wide = layoutBox.classList.toggle("wide");
        button.setAttribute("aria-pressed", wide ? "true" : "false");
      }
    });
    frame.addEventListener("wheel", function (event) {
      if (event.ctrlKey) {
        event.preventDefault();
        zoom(current() * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
      }
    }, { passive: false });
    frame.addEventListener("keydown", function (event) {
      if (event.key === "+" || event.key === "=") { zoom(current() * 1.25); }
      if (event.key === "-") { zoom(current() / 1.25); }
      if (event.key === "0") { fit(); }
    });
    var start = null;
    frame.addEventListener("pointerdown", function (event) {
      if (!frame.classList.contains("zoomed") || event.button !== 0) {
        return;
      }
      start = { x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    });
    window.addEventListener("pointermove", function (event) {
      if (!start) {
        return;
      }
      frame.classList.add("panning");
      frame.scrollLeft = start.left - (event.clientX - start.x);
      frame.scrollTop = start.top - (event.clientY - start.y);
    });
    window.addEventListener("pointerup", function () {
      start = null;
      frame.classList.remove("panning");
    });
  }

  // On a narrow screen each row is shown as a card; every cell then names its column.
  document.querySelectorAll("table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, column) {
          if (names[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", names[column]);
          }
        });
      });
    });
  });

  // Paper shows everything: folded sections open for printing and close again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (folded) {
      folded.open = true;
      opened.push(folded);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (folded) { folded.open = false; });
    opened = [];
  });

  root.setAttribute("data-ready", "true");
})();
