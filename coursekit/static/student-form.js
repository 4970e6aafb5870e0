/* The student edition of an assignment (coursekit assign). Its questions carry the book's markup and are
   read and written with coursekit.js (ui.read, ui.write); this file adds the form's own behaviour: the
   student ID, answers kept in this browser, the response file to download. It knows nothing of which
   answer is right: there is none to know. Needs coursekit.js first (it registers with it). */
(function () {
  "use strict";
  var ck = window.coursekit;

  function initAssignment(root, store) {
    var meta = JSON.parse(root.querySelector("script.ck-meta").textContent);
    var state = store.load();
    if (!state.answers || typeof state.answers !== "object") state.answers = {};
    var sid = root.querySelector("input.ck-student");
    if (typeof state.student_id === "string" && state.student_id && !sid.readOnly) sid.value = state.student_id;
    var status = root.querySelector(".ck-score");
    var fieldsets = root.querySelectorAll("fieldset.ck-item");

    function update() {
      var n = 0;
      fieldsets.forEach(function (fs) { if (state.answers[fs.getAttribute("data-item")]) n++; });
      status.textContent = n + " of " + fieldsets.length + " answered.";
    }
    function keep() {
      state.student_id = sid.value;
      store.save(state);
      update();
    }

    fieldsets.forEach(function (fs, k) {
      var id = fs.getAttribute("data-item"), item = { type: meta.types[k] };
      var saved = state.answers[id];
      if (saved) {
        try { ck.ui.write(fs, item, saved.response); } catch (e) { delete state.answers[id]; }
      }
      fs.addEventListener("change", function () {
        var r = ck.ui.read(fs, item), prev = state.answers[id];
        if (r === null) delete state.answers[id];
        else state.answers[id] = { response: r, attempts: (prev && prev.attempts || 0) + 1,
          saved_at: new Date().toISOString() };
        keep();
      });
    });
    sid.addEventListener("input", keep);

    root.querySelector(".ck-download").addEventListener("click", function () {
      var who = sid.value.trim();
      if (!who) { status.textContent = "Please type your student ID first."; sid.focus(); return; }
      ck.util.download(meta.assignment + "-" + who + "-responses.json", { format: ck.util.FORMAT,
        format_version: 1, quiz: meta.assignment, assignment: meta.assignment, variant: meta.variant,
        student_id: who, title: meta.title, saved_at: new Date().toISOString(), answers: state.answers });
    });
    update();
  }

  ck.register("ck-assignment", initAssignment);
})();
