/* coursekit "My progress" page: reads the course's localStorage entries, draws a bar chart and a
   table per part, and exports, imports and resets all progress. No network; works over file://.
   Keys: coursekit:quiz:<id> {items:{<item>:{response,correct,attempts,saved_at}}},
   coursekit:checklist:<id> {ticked:[...]}, coursekit:case:<id> {path:[[step,choice]...], finished},
   coursekit:exercise:<id> {answers:{...}, submitted}. */
(function () {
  "use strict";
  var EXPORT_FORMAT = "coursekit-progress-export";
  var KEY = /^coursekit:(?:(quiz|checklist|case|exercise):[a-z0-9][a-z0-9-]*|(review|settings))$/;
  var SVGNS = "http://www.w3.org/2000/svg";

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  function read(key) {
    try {
      var v = JSON.parse(localStorage.getItem(key));
      return isObject(v) ? v : null;
    } catch (e) { return null; }
  }

  function courseKeys() {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf("coursekit:") === 0) keys.push(k);
    }
    return keys.sort();
  }

  // ---- counting ----
  function count(part, prefix) {
    var r = { answered: 0, correct: 0, questions: 0, ticked: 0, items: 0, finished: 0, cases: part.cases.length };
    part.quizzes.forEach(function (q) {
      var saved = read(prefix + "quiz:" + q.id);
      var items = saved && isObject(saved.items) ? saved.items : {};
      r.questions += q.items.length;
      q.items.forEach(function (id) {
        if (isObject(items[id])) { r.answered++; if (items[id].correct === true) r.correct++; }
      });
    });
    part.checklists.forEach(function (c) {
      var saved = read(prefix + "checklist:" + c.id);
      var ticked = saved && Array.isArray(saved.ticked) ? saved.ticked : [];
      r.items += c.items.length;
      c.items.forEach(function (id) { if (ticked.indexOf(id) >= 0) r.ticked++; });
    });
    part.cases.forEach(function (id) {
      var saved = read(prefix + "case:" + id);
      if (saved && saved.finished === true) r.finished++;
    });
    return r;
  }

  function pct(n, total) { return total ? Math.round(100 * n / total) : 0; }

  var SERIES = [
    { name: "Quiz questions answered", cls: "ck-bar-answered", n: "answered", of: "questions" },
    { name: "Quiz questions correct", cls: "ck-bar-correct", n: "correct", of: "questions" },
    { name: "Checklist items ticked", cls: "ck-bar-ticked", n: "ticked", of: "items" },
    { name: "Case studies finished", cls: "ck-bar-finished", n: "finished", of: "cases" }
  ];

  function el(name, attrs, text) {
    var e = document.createElementNS(SVGNS, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // An SVG bar chart: one group of four horizontal bars per part, each labelled with its numbers.
  function chart(box, parts, rows) {
    var barH = 14, gap = 4, groupGap = 18, left = 190, width = 620, barW = width - left - 130;
    var groupH = SERIES.length * (barH + gap) + groupGap;
    var height = 40 + parts.length * groupH;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-labelledby": "ck-progress-chart-title ck-progress-chart-desc", "class": "ck-progress-svg" });
    svg.appendChild(el("title", { id: "ck-progress-chart-title" }, "Your progress per part, in percent"));
    var desc = parts.map(function (p, i) {
      var r = rows[i];
      return p.title + ": " + SERIES.map(function (s) {
        return r[s.of] ? s.name.toLowerCase() + " " + r[s.n] + " of " + r[s.of] : null;
      }).filter(Boolean).join(", ");
    }).join(". ");
    svg.appendChild(el("desc", { id: "ck-progress-chart-desc" }, desc + "."));
    var legend = el("g", { "class": "ck-progress-legend", "aria-hidden": "true" });
    SERIES.forEach(function (s, k) {
      var x = 10 + k * 150;
      legend.appendChild(el("rect", { x: x, y: 6, width: 12, height: 12, "class": s.cls }));
      legend.appendChild(el("text", { x: x + 16, y: 16 }, s.name.replace("Quiz questions ", "Quiz ")
        .replace("Checklist items ", "Checklist ").replace("Case studies ", "Cases ")));
    });
    svg.appendChild(legend);
    parts.forEach(function (p, i) {
      var y0 = 36 + i * groupH, r = rows[i];
      var g = el("g", { "class": "ck-progress-group", "aria-hidden": "true" });
      g.appendChild(el("text", { x: 0, y: y0 + (SERIES.length * (barH + gap)) / 2 + 4, "class": "ck-progress-part" }, p.title));
      SERIES.forEach(function (s, k) {
        var y = y0 + k * (barH + gap);
        if (r[s.of]) g.appendChild(el("rect", { x: left, y: y, width: barW, height: barH, "class": "ck-bar-track" }));
        var w = r[s.of] ? Math.max(barW * r[s.n] / r[s.of], r[s.n] ? 2 : 0) : 0;
        g.appendChild(el("rect", { x: left, y: y, width: w, height: barH, "class": s.cls }));
        g.appendChild(el("text", { x: left + barW + 6, y: y + barH - 3, "class": "ck-progress-value" },
          r[s.of] ? r[s.n] + " of " + r[s.of] + " (" + pct(r[s.n], r[s.of]) + "%)" : "none in this part"));
      });
      svg.appendChild(g);
    });
    box.innerHTML = "";
    box.appendChild(svg);
  }

  function table(tbl, parts, rows) {
    tbl.querySelector("thead").innerHTML = "<tr><th scope=\"col\">Part</th><th scope=\"col\">Quiz questions answered</th>" +
      "<th scope=\"col\">Quiz questions correct</th><th scope=\"col\">Checklist items ticked</th>" +
      "<th scope=\"col\">Case studies finished</th></tr>";
    var body = tbl.querySelector("tbody");
    body.innerHTML = "";
    var total = { answered: 0, correct: 0, questions: 0, ticked: 0, items: 0, finished: 0, cases: 0 };
    function cells(r) {
      return SERIES.map(function (s) {
        return "<td>" + (r[s.of] ? r[s.n] + " of " + r[s.of] : "none in this part") + "</td>";
      }).join("");
    }
    parts.forEach(function (p, i) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-part", p.id);
      tr.innerHTML = "<th scope=\"row\"></th>" + cells(rows[i]);
      tr.firstChild.textContent = p.title;
      body.appendChild(tr);
      for (var k in total) total[k] += rows[i][k];
    });
    var tr = document.createElement("tr");
    tr.className = "ck-progress-total";
    tr.innerHTML = "<th scope=\"row\">Whole course</th>" + cells(total);
    body.appendChild(tr);
    return total;
  }

  // ---- validating an imported file: every problem is listed, nothing is written unless all pass ----
  function problems(doc) {
    var out = [];
    if (!isObject(doc)) return ["the file does not hold a JSON object"];
    if (doc.format !== EXPORT_FORMAT) out.push("it is not a coursekit progress export (format is not \"" + EXPORT_FORMAT + "\")");
    if (doc.format_version !== 1) out.push("format_version must be 1");
    if (!isObject(doc.entries)) { out.push("it has no \"entries\" object"); return out; }
    Object.keys(doc.entries).forEach(function (key) {
      var m = KEY.exec(key), v = doc.entries[key];
      if (!m) { out.push("\"" + key + "\" is not a course progress key"); return; }
      if (!isObject(v)) { out.push(key + ": not an object"); return; }
      if (m[2] === "review") {
        if (!isObject(v.items) || Object.keys(v.items).some(function (id) {
          var s = v.items[id];
          return !isObject(s) || [s.box, s.last, s.due].some(function (n) { return typeof n !== "number"; });
        })) out.push(key + ": \"items\" must map each question to its box, last and due times");
        if ("log" in v && (!Array.isArray(v.log) || v.log.some(function (e) {
          return !isObject(e) || typeof e.id !== "string" || typeof e.at !== "number" ||
            typeof e.correct !== "boolean" || (e.confidence !== null && !(e.confidence in CBM));
        }))) out.push(key + ": \"log\" must list answers with id, time, correct and confidence");
      } else if (m[2] === "settings") {
        if (Object.keys(v).some(function (k) { return typeof v[k] !== "boolean"; })) {
          out.push(key + ": every setting must be true or false");
        }
      } else if (m[1] === "quiz") {
        if (!isObject(v.items)) out.push(key + ": \"items\" must be an object");
        else Object.keys(v.items).forEach(function (id) {
          var it = v.items[id];
          if (!isObject(it) || typeof it.correct !== "boolean" || !("response" in it)) {
            out.push(key + ": answer \"" + id + "\" needs a response and correct true/false");
          }
        });
      } else if (m[1] === "checklist") {
        if (!Array.isArray(v.ticked) || v.ticked.some(function (t) { return typeof t !== "string"; })) {
          out.push(key + ": \"ticked\" must be a list of item ids");
        }
      } else if (m[1] === "case") {
        if (!Array.isArray(v.path) || v.path.some(function (s) {
          return !Array.isArray(s) || s.length !== 2 || typeof s[0] !== "string" || typeof s[1] !== "number";
        })) out.push(key + ": \"path\" must be a list of [step, choice] pairs");
        if ("finished" in v && typeof v.finished !== "boolean") out.push(key + ": \"finished\" must be true or false");
      } else if (m[1] === "exercise") {
        if (!isObject(v.answers) || Object.keys(v.answers).some(function (a) { return typeof v.answers[a] !== "string"; })) {
          out.push(key + ": \"answers\" must map each prompt to text");
        }
      }
    });
    return out;
  }

  // ---- calibration: how often the student was right at each level of confidence ----
  var CBM = { low: [1, 0, "Not sure"], medium: [2, -2, "Fairly sure"], high: [3, -6, "Sure"] };

  function calibration(box, text, prefix) {
    var r = read(prefix + "review"), log = r && Array.isArray(r.log) ? r.log : [];
    var rows = Object.keys(CBM).map(function (level) {
      var mine = log.filter(function (e) { return e && e.confidence === level; });
      var right = mine.filter(function (e) { return e.correct === true; }).length;
      return { level: level, label: CBM[level][2], n: mine.length, right: right };
    });
    var marked = rows.reduce(function (a, x) { return a + x.n; }, 0);
    box.innerHTML = "";
    if (!marked) {
      text.textContent = "No answers with a confidence yet. Say how sure you are in Review (or turn it on " +
        "for the quizzes there) and this chart shows how often you were right when you were sure.";
      return;
    }
    var width = 620, left = 130, barW = 360, barH = 18, gap = 10, height = 30 + rows.length * (barH + gap);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "class": "ck-progress-svg",
      "aria-labelledby": "ck-calibration-title ck-calibration-desc" });
    svg.appendChild(el("title", { id: "ck-calibration-title" }, "How often you were right at each level of confidence"));
    var sentences = rows.filter(function (x) { return x.n; }).map(function (x) {
      return "when you said " + x.label.toLowerCase() + ", you were right " + pct(x.right, x.n) + "% of the time (" +
        x.right + " of " + x.n + ")";
    });
    svg.appendChild(el("desc", { id: "ck-calibration-desc" }, sentences.join("; ")));
    rows.forEach(function (x, i) {
      var y = 20 + i * (barH + gap), w = x.n ? Math.round(barW * x.right / x.n) : 0;
      svg.appendChild(el("text", { x: left - 8, y: y + barH - 4, "text-anchor": "end", "class": "ck-chart-label" }, x.label));
      svg.appendChild(el("rect", { x: left, y: y, width: barW, height: barH, "class": "ck-bar-track" }));
      svg.appendChild(el("rect", { x: left, y: y, width: w, height: barH, "class": "ck-bar-correct" }));
      svg.appendChild(el("text", { x: left + barW + 8, y: y + barH - 4, "class": "ck-chart-value" },
        x.n ? pct(x.right, x.n) + "% right (" + x.right + " of " + x.n + ")" : "no answers"));
    });
    box.appendChild(svg);
    var marks = log.reduce(function (a, e) {
      return e && CBM[e.confidence] ? a + CBM[e.confidence][e.correct ? 0 : 1] : a;
    }, 0);
    var sure = rows[2];
    text.textContent = (sure.n ? "When you were sure, you were right " + pct(sure.right, sure.n) + "% of the time. " :
      "") + "In full: " + sentences.join("; ") + ". Your certainty-based marks add up to " + marks + " over " + marked +
      (marked === 1 ? " answer (" : " answers (") + (marks / marked).toFixed(2) + " per answer; 3 is the best possible).";
  }

  function init(root) {
    var data = JSON.parse(root.querySelector("script.ck-progress-data").textContent);
    var status = root.querySelector(".ck-progress-status");
    var message = root.querySelector(".ck-progress-message");
    var prefix = data.prefix;

    function refresh() {
      var rows = data.parts.map(function (p) { return count(p, prefix); });
      chart(root.querySelector(".ck-progress-chart"), data.parts, rows);
      var t = table(root.querySelector(".ck-progress-table"), data.parts, rows);
      var cal = root.querySelector(".ck-calibration-chart");
      if (cal) calibration(cal, root.querySelector(".ck-calibration-text"), prefix);
      status.textContent = "In this browser you have answered " + t.answered + " of " + t.questions +
        " quiz questions (" + t.correct + " correct), ticked " + t.ticked + " of " + t.items +
        " checklist items and finished " + t.finished + " of " + t.cases + " case studies.";
    }
    function say(text, bad) {
      message.textContent = text;
      message.setAttribute("data-state", bad ? "error" : "ok");
    }

    root.querySelector(".ck-progress-export").addEventListener("click", function () {
      var entries = {};
      courseKeys().forEach(function (k) {
        if (!KEY.test(k)) return;
        var v = read(k);
        if (v) entries[k] = v;
      });
      var doc = { format: EXPORT_FORMAT, format_version: 1, exported_at: new Date().toISOString(), entries: entries };
      var blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "coursekit-progress.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      say("Exported " + Object.keys(entries).length + " saved entries to coursekit-progress.json.", false);
    });

    var input = root.querySelector(".ck-progress-import");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var doc, bad;
        try { doc = JSON.parse(reader.result); } catch (e) { doc = undefined; bad = ["it is not valid JSON"]; }
        bad = bad || problems(doc);
        input.value = "";
        if (bad.length) {
          say("Nothing was imported: " + file.name + " cannot be used because " + bad.slice(0, 5).join("; ") +
            (bad.length > 5 ? "; and " + (bad.length - 5) + " more problems" : "") + ".", true);
          return;
        }
        var keys = Object.keys(doc.entries);
        try {
          keys.forEach(function (k) { localStorage.setItem(k, JSON.stringify(doc.entries[k])); });
        } catch (e) { say("The browser refused to save the imported progress: " + e.message, true); return; }
        refresh();
        say("Imported " + keys.length + " saved entries from " + file.name + ".", false);
      };
      reader.onerror = function () { say("Nothing was imported: the file could not be read.", true); };
      reader.readAsText(file);
    });

    root.querySelector(".ck-progress-reset").addEventListener("click", function () {
      if (!window.confirm("Delete every quiz answer, tick, case path and exercise answer this course has saved in this browser? This cannot be undone.")) {
        say("Nothing was reset.", false);
        return;
      }
      var keys = courseKeys();
      keys.forEach(function (k) { localStorage.removeItem(k); });
      refresh();
      say("All course progress in this browser was reset (" + keys.length + " entries removed).", false);
    });
    window.addEventListener("storage", refresh);
    refresh();
  }

  function scan() {
    document.querySelectorAll(".ck-progress").forEach(function (root) {
      if (root.hasAttribute("data-ck-ready")) return;
      root.setAttribute("data-ck-ready", "");
      init(root);
    });
  }
  window.coursekitProgress = { scan: scan, problems: problems };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
