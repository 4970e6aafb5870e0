/* coursekit: branching case studies and open exercises in a static page.
   Needs coursekit.js first (it provides register() and the storage helpers). */
(function () {
  "use strict";
  var ck = window.coursekit;
  if (!ck || ck.activitiesLoaded) return;
  ck.activitiesLoaded = true;
  var esc = ck.util.esc, download = ck.util.download;

  // store: where the state is kept (coursekit.js localStore, or live Jupyter's in widget.js)
  function initCase(root, store) {
    var data = JSON.parse(root.querySelector("script.ck-case-data").textContent);
    var state = store.load();
    if (!Array.isArray(state.path)) state.path = [];
    var pathList = root.querySelector(".ck-case-path");
    var stepBox = root.querySelector(".ck-case-step");
    var legend = stepBox.querySelector("legend");
    var prompt = root.querySelector(".ck-case-prompt");
    var choiceBox = root.querySelector(".ck-case-choices");
    var feedback = root.querySelector(".ck-feedback");
    var debrief = root.querySelector(".ck-case-debrief");
    var name = root.id + "-choice";

    function verdictHtml(c) {
      var mark = c.verdict === "best" ? "\u2714 " : (c.verdict === "unsafe" ? "\u2718 " : "\u25CB ");
      return '<strong class="ck-verdict-' + c.verdict + '">' + mark + esc(data.verdicts[c.verdict]) + ".</strong> ";
    }
    function current() {
      if (!state.path.length) return data.start;
      var last = state.path[state.path.length - 1];
      return data.steps[last[0]].choices[last[1]].next;
    }
    function render(announce) {
      pathList.innerHTML = "";
      state.path.forEach(function (p, i) {
        var step = data.steps[p[0]], c = step.choices[p[1]];
        var li = document.createElement("li");
        li.innerHTML = '<div class="ck-case-was">' + step.prompt + "</div><p><strong>You chose:</strong> " +
          c.text + "</p><div class=\"ck-case-fb\">" + verdictHtml(c) + c.feedback + "</div>";
        pathList.appendChild(li);
      });
      var now = current();
      if (now === "end") {
        stepBox.hidden = true;
        debrief.hidden = false;
        var best = state.path.filter(function (p) { return data.steps[p[0]].choices[p[1]].verdict === "best"; }).length;
        var unsafe = state.path.filter(function (p) { return data.steps[p[0]].choices[p[1]].verdict === "unsafe"; }).length;
        feedback.innerHTML = announce ? "<p><strong>Case finished.</strong> " + state.path.length +
          " decisions: " + best + " best, " + unsafe + " unsafe. Read the debrief below.</p>" : "";
        return;
      }
      stepBox.hidden = false;
      debrief.hidden = true;
      legend.textContent = "Step " + (state.path.length + 1);
      prompt.innerHTML = data.steps[now].prompt;
      choiceBox.innerHTML = "";
      data.steps[now].choices.forEach(function (c, i) {
        var id = root.id + "-" + now + "-c" + (i + 1);
        var label = document.createElement("label");
        label.className = "ck-option";
        label.setAttribute("for", id);
        label.innerHTML = '<input type="radio" id="' + id + '" name="' + name + '" value="' + i + '"> <span>' + c.text + "</span>";
        choiceBox.appendChild(label);
      });
      if (!announce) feedback.innerHTML = "";
    }
    root.querySelector(".ck-choose").addEventListener("click", function () {
      var picked = choiceBox.querySelector("input:checked");
      if (!picked) { feedback.innerHTML = "<p><strong>Choose one option first.</strong></p>"; return; }
      var now = current(), i = parseInt(picked.value, 10), c = data.steps[now].choices[i];
      var before = state.path.slice();
      state.path.push([now, i]);
      state.finished = c.next === "end";
      state.saved_at = new Date().toISOString();
      store.save(state, { before: before, step: [now, i], finished: state.finished });
      render(true);
      if (c.next !== "end") {
        feedback.innerHTML = "<p>" + verdictHtml(c) + "</p>" + c.feedback +
          "<p><em>The case continues at step " + (state.path.length + 1) + ".</em></p>";
      }
    });
    root.querySelector(".ck-reset").addEventListener("click", function () {
      state = { path: [] };
      store.clear();
      render(false);
    });
    store.follow(function (merged) {  // another tab went on along the same route: show where it got to
      if (!Array.isArray(merged.path) || JSON.stringify(merged.path) === JSON.stringify(state.path)) return;
      state = merged;
      try { render(false); } catch (e) { state = { path: [] }; render(false); }
    });
    try { render(false); } catch (e) { state = { path: [] }; render(false); }
  }

  function initExercise(root, store) {
    var state = store.load();
    if (!state.answers || typeof state.answers !== "object") state.answers = {};
    var areas = root.querySelectorAll("textarea");
    var model = root.querySelector(".ck-model");
    var saved = root.querySelector(".ck-saved");
    areas.forEach(function (a) {
      if (typeof state.answers[a.name] === "string") a.value = state.answers[a.name];
      a.addEventListener("input", function () {
        state.answers[a.name] = a.value;
        state.saved_at = new Date().toISOString();
        var change = { answers: {} };
        change.answers[a.name] = a.value;
        saved.textContent = (store.save(state, change) ? "Saved " : "Could not save ") + store.where + ".";
      });
    });
    if (state.submitted) model.hidden = false;
    root.querySelector(".ck-submit").addEventListener("click", function () {
      var empty = 0;
      areas.forEach(function (a) { if (!a.value.trim()) empty++; });
      if (empty === areas.length) { saved.textContent = "Write your answer first, then compare it with the model answer."; return; }
      state.submitted = true;
      store.save(state, { answers: {}, submitted: true });  // what was typed has gone as it was typed
      model.hidden = false;
      saved.textContent = "Submitted. The model answer is shown below your answers.";
      model.focus();
    });
    root.querySelector(".ck-download").addEventListener("click", function () {
      var id = root.getAttribute("data-exercise");
      download(id + "-answers.json", { format: "coursekit-exercise", format_version: 1, exercise: id,
        saved_at: new Date().toISOString(), answers: state.answers, submitted: !!state.submitted });
    });
    root.querySelector(".ck-reset").addEventListener("click", function () {
      if (!window.confirm("Clear what you wrote for this exercise?")) return;
      state = { answers: {} };
      store.clear();
      areas.forEach(function (a) { a.value = ""; });
      model.hidden = true;
      saved.textContent = "";
    });
  }

  ck.register("ck-case", initCase);
  ck.register("ck-exercise", initExercise);
})();
