/* coursekit: a quiz, checklist, case or exercise as an anywidget ES module (live Jupyter: JupyterLab, Voila).
   The widget's _esm is coursekit.js + coursekit-activities.js + this file, so the book's own code draws,
   grades and saves. The model carries:
     html     the book's markup of the thing (static_html / static_activities, without inlined assets);
     state    its entry of the progress file, in the shape the book keeps in localStorage;
     notices  what Python has to say about the progress file (one that could not be used is moved aside);
     change   what this view sends: one answer, tick, case step or typed prompt at a time ({clear: true}
              for the Reset buttons); Python merges it into the file under its lock and sends back state. */

function modelStore(model) {
  var seq = 0, typed = null, timer = null, follower = null;
  function send(change) {
    model.set("change", Object.assign({ seq: ++seq }, change));
    model.save_changes();
  }
  function flush() {
    clearTimeout(timer);
    if (typed) { var t = typed; typed = null; send({ answers: t }); }
  }
  function followed() { if (follower) follower(JSON.parse(JSON.stringify(model.get("state") || {}))); }
  model.on("change:state", followed);
  return {
    where: "in your progress file",
    load: function () { return JSON.parse(JSON.stringify(model.get("state") || {})); },
    save: function (state, change) {
      if (!change) return true;
      if (change.answers && !change.submitted) {  // typing: sent when the writer pauses
        typed = Object.assign(typed || {}, change.answers);
        clearTimeout(timer);
        timer = setTimeout(flush, 400);
        return true;
      }
      flush();
      send(change);
      return true;
    },
    clear: function () { typed = null; clearTimeout(timer); send({ clear: true }); },
    follow: function (fn) { follower = fn; },
    close: function () { flush(); model.off("change:state", followed); }
  };
}

// The same quiz shown twice in one page (JupyterLab: a second view of an output) would repeat the book's
// ids, and its radio groups would be one: the second copy gets its own ids and group names.
function ownIds(root) {
  if (!document.getElementById(root.id)) return;
  var n = 2;
  while (document.getElementById(root.id + "-view" + n)) n++;
  var tail = "-view" + n;
  [root].concat([].slice.call(root.querySelectorAll("[id]"))).forEach(function (el) { el.id += tail; });
  root.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor += tail; });
  root.querySelectorAll("input[type=radio][name]").forEach(function (el) { el.name += tail; });
  root.querySelectorAll("[aria-describedby]").forEach(function (el) {
    el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").split(" ").map(function (x) {
      return x + tail;
    }).join(" "));
  });
}

function render({ model, el }) {
  var box = document.createElement("div");
  box.innerHTML = model.get("html");
  var root = box.firstElementChild, store = modelStore(model);
  ownIds(root);
  window.coursekit.start(root, store);  // before it joins the page, so no scan() starts it with the browser's store
  el.appendChild(root);

  function notices() {
    var shown = model.get("notices") || [], note = root.querySelector(".ck-notice");
    note.textContent = shown.join(" ");
    note.hidden = !shown.length;
  }
  // a source opens in a new tab: following it here would leave the notebook
  function newTab(e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (a && a.getAttribute("href").charAt(0) !== "#") { a.target = "_blank"; a.rel = "noopener"; }
  }
  root.addEventListener("click", newTab);
  notices();
  model.on("change:notices", notices);
  return function () {
    store.close();
    model.off("change:notices", notices);
  };
}

export default { render };
