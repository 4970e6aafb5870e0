/* coursekit: quizzes and checklists in a static page (no kernel, no server, no CDN).
   Grading mirrors coursekit/grading.py; progress lives in localStorage. */
(function () {
  "use strict";
  if (window.coursekit) { window.coursekit.scan(); return; }

  var FORMAT = "coursekit-answers";

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ---- grading (same rules as grading.py) ----
  function grade(item, r) {
    var fb = [], ok, i, n;
    switch (item.type) {
      case "single_choice":
        ok = r === item.answer;
        return { correct: ok, feedback: [[ok ? "Correct" : "Not correct", item.feedback[r - 1]]] };
      case "multiple_select":
        var chosen = {}, right = {};
        r.forEach(function (v) { chosen[v] = true; });
        item.answer.forEach(function (v) { right[v] = true; });
        ok = true;
        for (n = 1; n <= item.feedback.length; n++) {
          if (chosen[n] && right[n]) fb.push(["Correct choice", item.feedback[n - 1]]);
          else if (chosen[n]) { fb.push(["Should not be selected", item.feedback[n - 1]]); ok = false; }
          else if (right[n]) { fb.push(["Missed", item.feedback[n - 1]]); ok = false; }
        }
        return { correct: ok, feedback: fb };
      case "true_false":
        ok = r === item.answer;
        return { correct: ok, feedback: [[ok ? "Correct" : "Not correct",
          r ? item.feedback_true : item.feedback_false]] };
      case "numeric":
        ok = Math.abs(r - item.answer) <= item.tolerance + 1e-9;
        return { correct: ok, feedback: [ok ? ["Correct", item.feedback_correct]
          : ["Not correct", item.feedback_incorrect]] };
      case "matching":
        var wrong = [];
        for (i = 0; i < item.matches.length; i++) {
          if (r[i] !== item.matches[i]) wrong.push(i);
        }
        fb.push(["Score", (item.matches.length - wrong.length) + " of " + item.matches.length +
          " matched correctly."]);
        wrong.forEach(function (k) { fb.push(["Not correct", item.prompts[k] + ": " + item.feedback[k]]); });
        return { correct: wrong.length === 0, feedback: fb };
      case "ordering":
        var misplaced = [];
        for (i = 0; i < r.length; i++) { if (r[i] !== i + 1) misplaced.push(r[i]); }
        fb.push(["Score", (r.length - misplaced.length) + " of " + r.length + " steps in the right place."]);
        misplaced.forEach(function (v) {
          fb.push(["Misplaced", item.steps[v - 1] + ": " + item.feedback[v - 1]]);
        });
        return { correct: misplaced.length === 0, feedback: fb };
    }
    throw new Error("unknown item type " + item.type);
  }

  // ---- storage: a corrupt entry is moved aside and reported, never overwritten ----
  function load(key, notice) {
    var raw;
    if (!key) return {};
    try { raw = window.localStorage.getItem(key); } catch (e) { return {}; }
    if (raw === null) return {};
    try {
      var data = JSON.parse(raw);
      if (data && typeof data === "object" && !Array.isArray(data)) return data;
      throw new Error("not an object");
    } catch (e) {
      var aside = key + ":corrupt:" + new Date().toISOString();
      try { localStorage.setItem(aside, raw); localStorage.removeItem(key); } catch (e2) { /* full */ }
      if (notice) {
        notice.hidden = false;
        notice.textContent = "Your saved progress here could not be read, so it was set aside " +
          "(browser storage key " + aside + ") and this starts afresh.";
      }
      return {};
    }
  }
  function save(key, data) {
    if (!key) return false;
    try { localStorage.setItem(key, JSON.stringify(data)); return true; } catch (e) { return false; }
  }

  // Where a quiz, checklist, case or exercise keeps its state. Here: this browser, under the root's
  // data-storage-key. widget.js gives live Jupyter's store (the progress file, through the widget's model)
  // with the same calls: load(), save(state, change), clear(), follow(fn) for a state merged elsewhere.
  function localStore(root) {
    var key = root.getAttribute("data-storage-key");
    return {
      where: "in this browser",
      load: function () { return load(key, root.querySelector(".ck-notice")); },
      save: function (state) { return save(key, state); },
      clear: function () { try { localStorage.removeItem(key); } catch (e) { /* nothing stored */ } },
      follow: function () { /* nothing else writes this browser's copy while the page is open */ }
    };
  }

  function download(name, doc) {
    var blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // ---- the markup of one item, as static_html.py writes it (review.js draws with it;
  // tests/test_widget_front_end.py checks the two agree) ----
  function controlsHtml(item, base) {
    var out = [], n;
    if (item.type === "single_choice" || item.type === "multiple_select") {
      var kind = item.type === "single_choice" ? "radio" : "checkbox";
      if (kind === "checkbox") out.push('<p class="ck-hint">Select every answer that applies.</p>');
      for (n = 1; n <= item.options.length; n++) {
        out.push('<label class="ck-option" for="' + base + "-o" + n + '"><input type="' + kind + '" id="' + base +
          "-o" + n + '" name="' + base + '" value="' + n + '"> <span>' + item.options[n - 1] + "</span></label>");
      }
    } else if (item.type === "true_false") {
      ["true", "false"].forEach(function (v) {
        out.push('<label class="ck-option" for="' + base + "-" + v + '"><input type="radio" id="' + base + "-" + v +
          '" name="' + base + '" value="' + v + '"> <span>' + (v === "true" ? "True" : "False") + "</span></label>");
      });
    } else if (item.type === "numeric") {
      out.push('<label class="ck-numeric" for="' + base + '-n">Your answer <input type="number" step="any" ' +
        'inputmode="decimal" id="' + base + '-n" name="' + base + '">' +
        (item.unit ? ' <span class="ck-unit">' + esc(item.unit) + "</span>" : "") + "</label>");
    } else if (item.type === "matching") {
      var opts = '<option value="">Choose a match</option>' + item.choices.map(function (c) {
        return '<option value="' + esc(c) + '">' + esc(c) + "</option>";
      }).join("");
      item.prompts.forEach(function (p, i) {
        out.push('<div class="ck-row"><label for="' + base + "-m" + (i + 1) + '">' + p + '</label><select id="' +
          base + "-m" + (i + 1) + '" name="' + base + "-m" + (i + 1) + '">' + opts + "</select></div>");
      });
    } else if (item.type === "ordering") {
      var steps = '<option value="">Choose a step</option>' + item.step_order.map(function (a) {
        return '<option value="' + a + '">' + esc(item.steps_text[a - 1]) + "</option>";
      }).join("");
      for (n = 1; n <= item.steps.length; n++) {
        out.push('<div class="ck-row"><label for="' + base + "-s" + n + '">Step ' + n + '</label><select id="' +
          base + "-s" + n + '" name="' + base + "-s" + n + '">' + steps + "</select></div>");
      }
    }
    return out.join("\n");
  }

  // one question: a fieldset whose legend is ``legend`` (HTML), the stem, controls, Check and a live region
  function itemFieldset(item, base, legend) {
    var fs = document.createElement("fieldset");
    fs.className = "ck-item";
    fs.id = base;
    fs.setAttribute("data-item", item.id);
    fs.setAttribute("aria-describedby", base + "-stem");
    fs.innerHTML = "<legend>" + legend + '</legend><div class="ck-stem" id="' + base + '-stem">' + item.stem +
      '</div><div class="ck-controls">' + controlsHtml(item, base) + '</div><button type="button" ' +
      'class="ck-check">Check answer</button><div class="ck-feedback" id="' + base + '-feedback" role="status" ' +
      'aria-live="polite"></div>';
    return fs;
  }

  // Check pressed with no answer (or no confidence when one is asked for)
  function askFirst(fs, item, noAnswer) {
    fs.querySelector(".ck-feedback").innerHTML = '<p class="ck-verdict"><strong>' + (noAnswer ?
      "Choose an answer first." : "Say how sure you are first.") + "</strong>" + (noAnswer &&
      (item.type === "matching" || item.type === "ordering") ? " Fill in every row." : "") + "</p>";
  }

  // ---- reading and writing the controls of one item ----
  function controls(fs) { return fs.querySelectorAll(".ck-controls input, .ck-controls select"); }

  // ---- confidence: certainty-based marks (Gardner-Medwin), when the student asks for them ----
  var CBM = { low: [1, 0, "Not sure"], medium: [2, -2, "Fairly sure"], high: [3, -6, "Sure"] };
  function cbm(correct, level) { return CBM[level][correct ? 0 : 1]; }
  function confidenceGroup(base) {
    var g = document.createElement("fieldset");
    g.className = "ck-confidence";
    g.innerHTML = "<legend>How sure are you?</legend>" + Object.keys(CBM).map(function (v) {
      var id = base + "-c-" + v;
      return '<label class="ck-option" for="' + id + '"><input type="radio" id="' + id + '" name="' + base +
        '-c" value="' + v + '"> <span>' + CBM[v][2] + "</span></label>";
    }).join("");
    return g;
  }
  function readConfidence(fs) { var c = fs.querySelector(".ck-confidence input:checked"); return c ? c.value : null; }
  function showMark(fs, correct, level) {
    var m = cbm(correct, level);
    fs.querySelector(".ck-feedback").insertAdjacentHTML("beforeend", '<p class="ck-cbm"><strong>Certainty-based ' +
      "mark: " + (m > 0 ? "+" : "") + m + "</strong> (" + CBM[level][2].toLowerCase() + " and " +
      (correct ? "right" : "wrong") + ").</p>");
  }
  // every answer given with a confidence goes to the log that Review and My progress read
  function logAnswer(id, correct, level) {
    var key = "coursekit:review", r = load(key);
    if (!Array.isArray(r.log)) r.log = [];
    r.log.push({ id: id, at: Date.now(), correct: correct, confidence: level });
    save(key, r);
  }

  function readResponse(fs, item) {
    var els = controls(fs), i, vals = [];
    switch (item.type) {
      case "single_choice":
        for (i = 0; i < els.length; i++) if (els[i].checked) return parseInt(els[i].value, 10);
        return null;
      case "multiple_select":
        for (i = 0; i < els.length; i++) if (els[i].checked) vals.push(parseInt(els[i].value, 10));
        return vals.length ? vals : null;
      case "true_false":
        for (i = 0; i < els.length; i++) if (els[i].checked) return els[i].value === "true";
        return null;
      case "numeric":
        var t = els[0].value.trim().replace(",", ".");
        if (t === "" || !isFinite(Number(t))) return null;
        return Number(t);
      case "matching":
        for (i = 0; i < els.length; i++) { if (!els[i].value) return null; vals.push(els[i].value); }
        return vals;
      case "ordering":
        for (i = 0; i < els.length; i++) { if (!els[i].value) return null; vals.push(parseInt(els[i].value, 10)); }
        return vals;
    }
    return null;
  }

  function writeResponse(fs, item, r) {
    var els = controls(fs), i;
    for (i = 0; i < els.length; i++) {
      var el = els[i];
      if (r === null || r === undefined) {
        if (el.type === "radio" || el.type === "checkbox") el.checked = false; else el.value = "";
        continue;
      }
      switch (item.type) {
        case "single_choice": el.checked = parseInt(el.value, 10) === r; break;
        case "multiple_select": el.checked = r.indexOf(parseInt(el.value, 10)) >= 0; break;
        case "true_false": el.checked = (el.value === "true") === r; break;
        case "numeric": el.value = String(r); break;
        case "matching": el.value = r[i] === undefined ? "" : r[i]; break;
        case "ordering": el.value = r[i] === undefined ? "" : String(r[i]); break;
      }
    }
  }

  function showFeedback(fs, item, g) {
    var box = fs.querySelector(".ck-feedback");
    var head = g.correct ? "\u2714 Correct." : "\u2718 Not correct yet.";
    var html = '<p class="ck-verdict ' + (g.correct ? "ck-right" : "ck-wrong") + '"><strong>' +
      head + "</strong></p><ul class=\"ck-fb\">";
    g.feedback.forEach(function (f) {
      html += "<li><strong>" + esc(f[0]) + ":</strong> " + f[1] + "</li>";
    });
    html += '</ul><div class="ck-explanation"><strong>Explanation:</strong> ' + item.explanation + "</div>";
    if (item.citations.length) {
      // each citation is a sentence: joined by semicolons without its own full stop, one at the end
      html += '<p class="ck-source"><strong>Source:</strong> ' + item.citations.map(function (c) {
        var t = esc(c.text.replace(/\.$/, ""));
        return c.url ? '<a href="' + esc(c.url) + '" rel="noopener">' + t + "</a>" : t;
      }).join("; ") + ".</p>";
    }
    box.innerHTML = html;
    fs.setAttribute("data-state", g.correct ? "correct" : "incorrect");
  }

  // A quiz with data-one-try locks each question once its answer is checked (the SCORM package).
  function lock(fs) {
    fs.querySelectorAll("input, select, button.ck-check").forEach(function (el) { el.disabled = true; });
  }

  var quizzes = [];  // [root, controller] for quiz(root)

  function initQuiz(root, store) {
    var data = JSON.parse(root.querySelector("script.ck-data").textContent);
    var oneTry = root.hasAttribute("data-one-try");
    var sure = !oneTry && (root.hasAttribute("data-confidence") || load("coursekit:settings").confidence === true);
    var state = store.load();
    if (!state.items || typeof state.items !== "object") state.items = {};
    var byId = {};
    data.items.forEach(function (it) { byId[it.id] = it; });
    var score = root.querySelector(".ck-score");
    var fieldsets = root.querySelectorAll("fieldset.ck-item");

    // show a saved answer in its question; false (and nothing kept) if it no longer fits the question
    function show(fs, item, saved) {
      try {
        var g = grade(item, saved.response);
        writeResponse(fs, item, saved.response);
        showFeedback(fs, item, g);
        if (saved.confidence && CBM[saved.confidence]) showMark(fs, g.correct, saved.confidence);
        saved.correct = g.correct;
        if (oneTry) lock(fs);
        return true;
      } catch (e) { return false; }
    }

    function updateScore() {
      var answered = 0, right = 0;
      if (!score) return;  // no questions, no footer
      data.items.forEach(function (it) {
        var s = state.items[it.id];
        if (s) { answered++; if (s.correct) right++; }
      });
      score.textContent = answered + " of " + data.items.length + " answered, " + right + " correct.";
    }

    root.querySelectorAll("fieldset.ck-item").forEach(function (fs) {
      var item = byId[fs.getAttribute("data-item")];
      var box = fs.querySelector(".ck-feedback");
      var check = fs.querySelector(".ck-check");
      if (sure) check.parentNode.insertBefore(confidenceGroup(fs.id), check);
      check.addEventListener("click", function () {
        var r = readResponse(fs, item), level = sure ? readConfidence(fs) : null;
        if (r === null || (sure && !level)) { askFirst(fs, item, r === null); return; }
        var g = grade(item, r);
        var prev = state.items[item.id];
        var entry = { response: r, correct: g.correct,
          attempts: (prev && prev.attempts || 0) + 1, saved_at: new Date().toISOString() };
        if (level) entry.confidence = level;
        state.items[item.id] = entry;
        store.save(state, { item: item.id, response: r, confidence: level });
        showFeedback(fs, item, g);
        if (level) { showMark(fs, g.correct, level); logAnswer(item.id, g.correct, level); }
        if (oneTry) lock(fs);
        updateScore();
        // for listeners such as scorm-bridge.js: one event per checked answer
        fs.dispatchEvent(new CustomEvent("coursekit:answer", { bubbles: true, detail: {
          quiz: data.quiz, item: item.id, type: item.type, response: r, correct: g.correct,
          attempts: entry.attempts } }));
      });
      var saved = state.items[item.id];
      if (saved && saved.response !== undefined && !show(fs, item, saved)) delete state.items[item.id];
    });

    // replace every answer with ``items`` (item id -> {response, attempts}), as restored from elsewhere;
    // returns the answers kept, each with its grade
    function restore(items) {
      state = { items: {} };
      fieldsets.forEach(function (fs) {
        var item = byId[fs.getAttribute("data-item")];
        var saved = items[item.id];
        writeResponse(fs, item, null);
        fs.querySelector(".ck-feedback").innerHTML = "";
        fs.removeAttribute("data-state");
        fs.querySelectorAll("input, select, button").forEach(function (el) { el.disabled = false; });
        if (!saved || saved.response === undefined || saved.response === null) return;
        var entry = { response: saved.response, attempts: saved.attempts || 1,
          saved_at: saved.saved_at || new Date().toISOString() };
        if (show(fs, item, entry)) state.items[item.id] = entry;
      });
      store.save(state, null);
      updateScore();
      return JSON.parse(JSON.stringify(state.items));
    }
    quizzes.push([root, { restore: restore, data: data }]);

    var reset = root.querySelector(".ck-reset");
    if (reset) reset.addEventListener("click", function () {
      if (!window.confirm("Clear every answer you saved for this quiz?")) return;
      state = { items: {} };
      store.clear();
      fieldsets.forEach(function (fs) {
        writeResponse(fs, byId[fs.getAttribute("data-item")], null);
        fs.querySelector(".ck-feedback").innerHTML = "";
        fs.removeAttribute("data-state");
      });
      updateScore();
    });

    var dl = root.querySelector(".ck-download");
    if (dl) dl.addEventListener("click", function () {
      download(data.quiz + "-answers.json", { format: FORMAT, format_version: 1, quiz: data.quiz,
        title: data.title, saved_at: new Date().toISOString(), answers: state.items });
    });
    store.follow(function (merged) {  // the answers as saved, with those given elsewhere
      state.items = merged.items && typeof merged.items === "object" ? merged.items : {};
      updateScore();
    });
    updateScore();
  }

  function initChecklist(root, store) {
    var state = store.load();
    var boxes = root.querySelectorAll("input[type=checkbox]");
    var score = root.querySelector(".ck-score");
    function update() {
      var n = 0;
      if (!Array.isArray(state.ticked)) state.ticked = [];
      boxes.forEach(function (b) { b.checked = state.ticked.indexOf(b.value) >= 0; if (b.checked) n++; });
      score.textContent = n + " of " + boxes.length + " ticked.";
    }
    boxes.forEach(function (b) {
      b.addEventListener("change", function () {
        state.ticked = [];
        boxes.forEach(function (x) { if (x.checked) state.ticked.push(x.value); });
        state.saved_at = new Date().toISOString();
        store.save(state, { entry: b.value, ticked: b.checked });  // the one tick that changed
        update();
      });
    });
    root.querySelector(".ck-print").addEventListener("click", function () { window.print(); });
    root.querySelector(".ck-reset").addEventListener("click", function () {
      if (!window.confirm("Clear every tick on this checklist?")) return;
      state = { ticked: [] };
      store.clear();
      update();
    });
    store.follow(function (merged) { state = merged; update(); });  // ticks made in another tab too
    update();
  }

  var kinds = { "ck-quiz": initQuiz, "ck-checklist": initChecklist };

  // bring one quiz, checklist, case or exercise to life, keeping its state in ``store`` (default: this
  // browser); each root is started once
  function start(root, store) {
    if (root.hasAttribute("data-ck-ready")) return;
    for (var cls in kinds) {
      if (root.classList.contains(cls)) {
        root.setAttribute("data-ck-ready", "");
        kinds[cls](root, store || localStore(root));
        return;
      }
    }
  }

  function scan() {
    var selector = Object.keys(kinds).map(function (c) { return "." + c; }).join(", ");
    document.querySelectorAll(selector).forEach(function (root) { start(root); });
  }

  // coursekit-activities.js adds case studies and open exercises through register().
  function register(cls, init) { kinds[cls] = init; scan(); }

  // the controller of an initialised quiz: { data, restore(items) }, or null
  function quiz(root) {
    for (var i = 0; i < quizzes.length; i++) if (quizzes[i][0] === root) return quizzes[i][1];
    return null;
  }

  window.coursekit = { grade: grade, scan: scan, start: start, register: register, quiz: quiz,
    util: { esc: esc, load: load, save: save, download: download, FORMAT: FORMAT },
    ui: { read: readResponse, write: writeResponse, feedback: showFeedback, fieldset: itemFieldset,
      askFirst: askFirst, confidence: confidenceGroup, readConfidence: readConfidence, mark: showMark,
      log: logAnswer, cbm: cbm } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
