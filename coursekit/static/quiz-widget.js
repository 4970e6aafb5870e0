/* coursekit: a whole quiz as an anywidget ES module, over a JSON model (live Jupyter: JupyterLab, Voila).
   Runs after coursekit.js, which coursekit/widgets.py puts before it in the widget's _esm: the markup,
   grading and feedback are the book's own (window.coursekit), so every mode shows the same quiz.
   Model: quiz {quiz, title, intro, items: [static_html.item_model]}, answers {item id: {response,
   correct, attempts}} (the progress file, kept by Python), notices [text]; each checked answer goes
   back as change {item, response, seq}. */

function render({ model, el }) {
  var ck = window.coursekit, data = model.get("quiz"), seq = 0;
  var root = document.createElement("div");
  root.className = "ck-quiz";
  root.id = "ck-" + data.quiz;
  root.setAttribute("data-quiz", data.quiz);
  root.setAttribute("data-ck-ready", "");  // drawn here: coursekit.js's scan() leaves it alone
  root.innerHTML = '<p class="ck-intro">' + ck.util.esc(data.intro) + "</p>" +
    '<p class="ck-notice" role="alert" hidden></p>';
  var total = data.items.length, fieldsets = {};
  data.items.forEach(function (item, i) {
    var fs = ck.ui.fieldset(item, "ck-" + data.quiz + "-" + item.id, "Question " + (i + 1) + " of " + total);
    fs.querySelector(".ck-check").addEventListener("click", function () { check(fs, item); });
    fieldsets[item.id] = fs;
    root.appendChild(fs);
  });
  var footer = document.createElement("div");
  footer.className = "ck-footer";
  footer.innerHTML = '<p class="ck-score" id="ck-' + data.quiz + '-score" role="status" aria-live="polite">0 of ' +
    total + ' answered.</p><button type="button" class="ck-download">Download my answers</button>';
  root.appendChild(footer);
  el.appendChild(root);

  function feedback(fs, item, g) {
    ck.ui.feedback(fs, item, g);
    // a source opens in a new tab: following it here would leave the notebook
    fs.querySelectorAll(".ck-feedback a").forEach(function (a) { a.target = "_blank"; });
  }

  function check(fs, item) {
    var r = ck.ui.read(fs, item);
    if (r === null) { ck.ui.askFirst(fs, item, true); return; }
    feedback(fs, item, ck.grade(item, r));
    model.set("change", { item: item.id, response: r, seq: ++seq, at: Date.now() });
    model.save_changes();
  }

  function score() {
    var answers = model.get("answers") || {}, answered = 0, right = 0;
    data.items.forEach(function (it) {
      var a = answers[it.id];
      if (a) { answered++; if (a.correct) right++; }
    });
    footer.querySelector(".ck-score").textContent = answered + " of " + total + " answered, " + right + " correct.";
  }

  function notices() {
    var shown = model.get("notices") || [], box = root.querySelector(".ck-notice");
    box.textContent = shown.join(" ");
    box.hidden = !shown.length;
  }

  // the saved answers, with their feedback, as the quiz opens
  var saved = model.get("answers") || {};
  data.items.forEach(function (item) {
    var a = saved[item.id];
    if (!a || a.response === undefined || a.response === null) return;
    try {
      var g = ck.grade(item, a.response);
      ck.ui.write(fieldsets[item.id], item, a.response);
      feedback(fieldsets[item.id], item, g);
    } catch (e) { /* an answer the question no longer fits: start it afresh */ }
  });
  footer.querySelector(".ck-download").addEventListener("click", function () {
    ck.util.download(data.quiz + "-answers.json", { format: ck.util.FORMAT, format_version: 1,
      quiz: data.quiz, title: data.title, saved_at: new Date().toISOString(), answers: model.get("answers") });
  });
  score();
  notices();
  model.on("change:answers", score);
  model.on("change:notices", notices);
  return function () {
    model.off("change:answers", score);
    model.off("change:notices", notices);
  };
}

export default { render };
