/* coursekit Review: spaced retrieval across the whole course, in the browser (no server, works over
   file://). Every question answered in a part quiz, a Check yourself or here comes back on a Leitner
   schedule (coursekit/review.py has the same rules): wrong -> box 0, due at once; right -> one box up,
   due after 0, 1, 3, 7, 21 days. A session shows up to 10 due questions. State: localStorage
   "coursekit:review" {items: {id: {box, last, due}}, log: [{id, at, correct, confidence}]}; answers
   are also written to the part quiz's entry, so My progress counts them. Needs coursekit.js. */
(function () {
  "use strict";
  var DAY = 86400000, KEY = "coursekit:review", SETTINGS = "coursekit:settings";

  function initReview(root) {
    var ck = window.coursekit, load = ck.util.load, save = ck.util.save, esc = ck.util.esc;
    var data = JSON.parse(root.querySelector("script.ck-data").textContent);
    var byId = {};
    data.items.forEach(function (it) {
      it.citations = (it.cites || []).map(function (k) { return data.citations[k]; });
      byId[it.id] = it;
    });
    var notice = root.querySelector(".ck-notice");
    var status = root.querySelector(".ck-review-status");
    var box = root.querySelector(".ck-review-session");
    var next = root.querySelector(".ck-review-next");
    var all = root.querySelector(".ck-review-confidence-all");
    var state = load(root.getAttribute("data-storage-key") || KEY, notice);
    if (!state.items || typeof state.items !== "object") state.items = {};
    if (!Array.isArray(state.log)) state.log = [];

    function schedule(prev, correct, at) {
      var b = correct ? Math.min((prev ? prev.box : 0) + 1, data.intervals.length - 1) : 0;
      return { box: b, last: at, due: at + data.intervals[b] * DAY };
    }

    // answers given in the quizzes since Review last saw them move the schedule too
    function sync() {
      var changed = false;
      Object.keys(data.banks).forEach(function (bank) {
        var q = load(data.banks[bank].key), items = q.items || {};
        Object.keys(items).forEach(function (id) {
          var a = items[id], at = Date.parse(a && a.saved_at);
          if (!byId[id] || !a || typeof a.correct !== "boolean" || !isFinite(at)) return;
          var s = state.items[id];
          if (!s || at > s.last) { state.items[id] = schedule(s, a.correct, at); changed = true; }
        });
      });
      return changed;
    }

    function dueNow(now) {
      return Object.keys(state.items).filter(function (id) { return byId[id] && state.items[id].due <= now; })
        .sort(function (a, b) { return state.items[a].due - state.items[b].due || (a < b ? -1 : 1); });
    }

    function persist() {
      var fresh = load(KEY);  // keep answers logged by a quiz in another tab
      var log = Array.isArray(fresh.log) ? fresh.log : [];
      var seen = {};
      state.log.concat(log).forEach(function (e) { seen[e.id + "@" + e.at] = e; });
      state.log = Object.keys(seen).map(function (k) { return seen[k]; }).sort(function (a, b) { return a.at - b.at; });
      save(KEY, state);
    }

    function when(ms) {
      return new Date(ms).toLocaleString(undefined, { weekday: "long", day: "numeric", month: "long",
        hour: "2-digit", minute: "2-digit" });
    }

    function say(now, shown) {
      var due = dueNow(now), known = Object.keys(state.items).length;
      if (!known) {
        status.textContent = "Nothing to review yet. Answer questions in the part quizzes or a chapter's " +
          "Check yourself: Review brings them back here on a schedule.";
      } else if (shown) {
        status.textContent = due.length + " question" + (due.length === 1 ? " is" : "s are") + " due now; " +
          "this session shows " + shown + ". A question you get wrong comes back at once; one you get " +
          "right comes back after a longer gap each time.";
      } else {
        var later = Object.keys(state.items).map(function (id) { return state.items[id].due; })
          .filter(function (d) { return d > now; }).sort(function (a, b) { return a - b; })[0];
        status.textContent = "Nothing is due now." + (later ? " The next question is due on " + when(later) + "." : "");
      }
    }

    function question(item, n, total, sure) {
      var base = "ck-review-" + item.id;
      var fs = ck.ui.fieldset(item, base, "Question " + n + " of " + total + " (" +
        esc(data.banks[item.bank].title) + ")");
      var check = fs.querySelector(".ck-check");
      if (sure) check.parentNode.insertBefore(ck.ui.confidence(base), check);
      check.addEventListener("click", function () {
        var r = ck.ui.read(fs, item), level = sure ? ck.ui.readConfidence(fs) : null;
        if (r === null || (sure && !level)) { ck.ui.askFirst(fs, item, r === null); return; }
        var g = ck.grade(item, r), at = Date.now();
        ck.ui.feedback(fs, item, g);
        if (level) ck.ui.mark(fs, g.correct, level);
        fs.querySelectorAll("input, select, button").forEach(function (el) { el.disabled = true; });
        state.items[item.id] = schedule(state.items[item.id], g.correct, at);
        state.log.push({ id: item.id, at: at, correct: g.correct, confidence: level });
        persist();
        // the part quiz keeps the latest answer too, so My progress and the quiz page show it
        var qkey = data.banks[item.bank].key, q = load(qkey);
        if (!q.items || typeof q.items !== "object") q.items = {};
        var prev = q.items[item.id];
        q.items[item.id] = { response: r, correct: g.correct, attempts: (prev && prev.attempts || 0) + 1,
          saved_at: new Date(at).toISOString() };
        if (level) q.items[item.id].confidence = level;
        save(qkey, q);
        left--;
        if (!left) {
          var more = dueNow(Date.now()).length;
          status.textContent = "Session finished. " + (more ? more + " question" + (more === 1 ? " is" : "s are") +
            " due now (those you got wrong come back at once)." : "Nothing more is due now.");
          next.hidden = !more;
        }
      });
      return fs;
    }

    var left = 0;
    function session() {
      if (sync()) persist();
      var now = Date.now(), due = dueNow(now).slice(0, data.session);
      var sure = load(SETTINGS).review_confidence !== false;
      box.innerHTML = "";
      due.forEach(function (id, i) { box.appendChild(question(byId[id], i + 1, due.length, sure)); });
      left = due.length;
      next.hidden = true;
      say(now, due.length);
    }

    var here = root.querySelector(".ck-review-confidence");
    here.checked = load(SETTINGS).review_confidence !== false;
    all.checked = load(SETTINGS).confidence === true;
    [[here, "review_confidence"], [all, "confidence"]].forEach(function (pair) {
      pair[0].addEventListener("change", function () {
        var s = load(SETTINGS);
        s[pair[1]] = pair[0].checked;
        save(SETTINGS, s);
        if (pair[1] === "review_confidence") session();
      });
    });
    next.addEventListener("click", session);
    session();
  }

  function start() { window.coursekit.register("ck-review", initReview); }
  if (window.coursekit) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
