/* coursekit SCORM 1.2 bridge: sends the quiz's checked answers to the LMS and resumes from it.
   It listens to coursekit.js ("coursekit:answer" events) and restores answers through
   coursekit.quiz(root).restore(); it never grades or draws anything itself.
   API discovery follows the ADL SCORM 1.2 reference: the window's parents, then the opener's. */
(function () {
  "use strict";
  var root = document.querySelector(".ck-quiz[data-one-try]");
  var config = JSON.parse(document.querySelector("script.ck-scorm").textContent);
  var status = document.querySelector(".ck-lms-status");
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var SOURCES = "123456789abcdefghijklmnopqrstuvwxyz";

  // ---- API discovery (ADL SCORM 1.2 APIWrapper: parents, then the opener and its parents) ----
  function findAPI(win) {
    for (var tries = 0; win && tries < 500; tries++) {
      try { if (win.API) return win.API; } catch (e) { /* another origin: keep climbing */ }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  function getAPI() {
    var api = findAPI(window);
    if (!api && window.opener) api = findAPI(window.opener);
    return api;
  }

  // ---- responses as SCORM 1.2 strings, and back (from the question's own controls) ----
  function selects(fs) { return fs.querySelectorAll("select"); }
  function choiceIndex(select, value) {  // 0-based among the real choices (after the placeholder)
    for (var i = 1; i < select.options.length; i++) if (select.options[i].value === value) return i - 1;
    return -1;
  }
  function encode(fs, type, r) {
    switch (type) {
      case "single_choice": return LETTERS.charAt(r - 1);
      case "multiple_select": return r.slice().sort(function (a, b) { return a - b; })
        .map(function (n) { return LETTERS.charAt(n - 1); }).join(",");
      case "true_false": return r ? "t" : "f";
      case "numeric": return String(r);
      case "matching": return r.map(function (v, i) {
        return SOURCES.charAt(i) + "." + LETTERS.charAt(choiceIndex(selects(fs)[i], v));
      }).join(",");
      case "ordering": return r.map(function (n) { return LETTERS.charAt(n - 1); }).join(",");
    }
    throw new Error("unknown item type " + type);
  }
  function letter(c) {
    var n = LETTERS.indexOf(c);
    if (n < 0 || c.length !== 1) throw new Error("bad letter " + c);
    return n + 1;
  }
  function decode(fs, type, s) {
    switch (type) {
      case "single_choice": return letter(s);
      case "multiple_select": return s.split(",").map(letter);
      case "true_false": if (s === "t" || s === "f") return s === "t"; break;
      case "numeric": if (s !== "" && isFinite(Number(s))) return Number(s); break;
      case "matching":
        var rows = selects(fs);
        var r = s.split(",").map(function (pair, i) {
          var sel = rows[i], k = pair.length === 3 ? letter(pair.charAt(2)) : 0;
          if (!sel || pair.charAt(0) !== SOURCES.charAt(i) || !sel.options[k]) throw new Error("bad pair");
          return sel.options[k].value;
        });
        if (r.length === rows.length) return r;
        break;
      case "ordering": return s.split(",").map(letter);
    }
    throw new Error("bad response " + s);
  }
  function correctPattern(item, fs) {
    switch (item.type) {
      case "single_choice": return LETTERS.charAt(item.answer - 1);
      case "multiple_select": return encode(fs, item.type, item.answer);
      case "true_false": return item.answer ? "t" : "f";
      case "numeric": return String(item.answer);
      case "matching": return encode(fs, item.type, item.matches);
      case "ordering": return item.steps.map(function (s, i) { return LETTERS.charAt(i); }).join(",");
    }
    return "";
  }
  var TYPES = { single_choice: "choice", multiple_select: "choice", true_false: "true-false",
    numeric: "numeric", matching: "matching", ordering: "sequencing" };

  function clock(d) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
  }
  function timespan(ms) {  // CMITimespan HHHH:MM:SS.SS
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s % 60, 2);
  }

  var api = getAPI();
  var ctl, data, fieldsets = {}, positions = {}, answers = {}, started = new Date(), finished = false;

  function get(name) { return api ? String(api.LMSGetValue(name)) : ""; }
  function set(name, value) { return api ? String(api.LMSSetValue(name, String(value))) === "true" : false; }

  function masteryScore() {
    var lms = get("cmi.student_data.mastery_score");
    if (lms !== "" && isFinite(Number(lms))) return Number(lms);
    return config.mastery;
  }

  function report() {
    var n = data.items.length, right = 0, done = 0;
    data.items.forEach(function (it) {
      if (answers[it.id]) { done++; if (answers[it.id].correct) right++; }
    });
    var raw = Math.round(right * 10000 / n) / 100;
    var mastery = masteryScore(), lesson;
    if (mastery === null) lesson = done === n ? "completed" : "incomplete";
    else if (raw >= mastery) lesson = "passed";
    else lesson = done === n ? "failed" : "incomplete";
    return { raw: raw, lesson: lesson, done: done, n: n, right: right, mastery: mastery };
  }

  function suspendData() {
    var a = {};
    data.items.forEach(function (it, i) {
      var s = answers[it.id];
      if (s) a[i] = encode(fieldsets[it.id], it.type, s.response);
    });
    return JSON.stringify({ v: 1, q: config.signature, a: a });
  }

  function restoreFrom(text) {
    if (!text) return {};
    var doc;
    try { doc = JSON.parse(text); } catch (e) { doc = null; }
    if (!doc || doc.v !== 1 || doc.q !== config.signature || typeof doc.a !== "object") {
      say("Your earlier answers could not be read (the quiz has changed since), so this starts afresh. " +
        status.textContent);
      return {};
    }
    var items = {};
    Object.keys(doc.a).forEach(function (i) {
      var it = data.items[Number(i)];
      if (!it) return;
      try { items[it.id] = { response: decode(fieldsets[it.id], it.type, doc.a[i]) }; } catch (e) { /* skip */ }
    });
    return ctl.restore(items);
  }

  function say(text) { status.textContent = text; }

  function send(itemId) {
    var r = report();
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", r.raw);
    set("cmi.core.lesson_status", r.lesson);
    set("cmi.core.exit", "suspend");
    set("cmi.suspend_data", suspendData());
    if (itemId) {
      var item = data.items[positions[itemId]], s = answers[itemId], fs = fieldsets[itemId];
      var count = get("cmi.interactions._count");  // append: SCORM 1.2 interactions are a journal
      var p = "cmi.interactions." + (/^\d+$/.test(count) ? count : "0") + ".";
      set(p + "id", item.id);
      set(p + "type", TYPES[item.type]);
      set(p + "time", clock(new Date()));
      set(p + "weighting", 1);
      set(p + "correct_responses.0.pattern", correctPattern(item, fs));
      set(p + "student_response", encode(fs, item.type, s.response));
      set(p + "result", s.correct ? "correct" : "wrong");
    }
    api.LMSCommit("");
    var line = "Your result is sent to your course: " + r.right + " of " + r.n + " correct (" + r.raw + "%)";
    if (r.mastery !== null) line += "; " + r.mastery + "% is needed to pass";
    say(line + ".");
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    set("cmi.core.session_time", timespan(new Date() - started));
    api.LMSCommit("");
    api.LMSFinish("");
  }

  function start() {
    window.coursekit.scan();
    ctl = window.coursekit.quiz(root);
    data = ctl.data;
    data.items.forEach(function (it, i) { positions[it.id] = i; });
    root.querySelectorAll("fieldset.ck-item").forEach(function (fs) {
      fieldsets[fs.getAttribute("data-item")] = fs;
    });
    if (!api) {
      say("No learning management system (LMS) was found, so your answers and score stay in this " +
        "browser only: nothing is sent to your course.");
      return;
    }
    say("Your answers and score are sent to your course (the LMS) as you check them.");
    answers = restoreFrom(get("cmi.suspend_data"));
    var r = report();
    if (get("cmi.core.lesson_status") === "not attempted") {
      set("cmi.core.lesson_status", r.lesson);
      api.LMSCommit("");
    }
    if (r.done) say("Welcome back: your " + r.done + " earlier answer(s) are restored. " + status.textContent);
    root.addEventListener("coursekit:answer", function (ev) {
      answers[ev.detail.item] = { response: ev.detail.response, correct: ev.detail.correct };
      send(ev.detail.item);
    });
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  if (api && String(api.LMSInitialize("")) !== "true") api = null;
  // under an LMS the LMS keeps the answers: nothing of this learner's is left in the browser
  if (api) root.removeAttribute("data-storage-key");
  start();
})();
