/* The workspace of `argmap serve`: a CodeMirror editor for the project's map files, the diagnostics
 * (squiggles and a list), a source pane with the cited passages marked, and the live interactive map and
 * brief. The server pushes an event after every change (a save here or an edit anywhere on disk); the
 * page then fetches the new state. Texts from the project reach the page only through textContent. */
(function () {
  "use strict";
  var CM = window.CodeMirror;
  var token = document.querySelector("meta[name=argmap-token]").content;
  var $ = function (id) { return document.getElementById(id); };
  var current = {path: null, base: null, saved: ""};  // the open file, the hash of what we loaded, its text
  var state = null, shownVersions = {}, view = "map";

  function api(method, url, body) {
    var options = {method: method, headers: {"X-Argmap-Token": token}};
    if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
    return fetch(url, options).then(function (r) { return r.json().then(function (j) { return {status: r.status, json: j}; }); });
  }
  function el(tag, text, cls) { var n = document.createElement(tag); if (text !== undefined) n.textContent = text; if (cls) n.className = cls; return n; }

  /* ---- the editor ---- */
  function completionSource(context) {
    var word = context.matchBefore(/[A-Za-z0-9_.-]*/);
    if (!current.path || (word.from === word.to && !context.explicit && !/[:\s-]$/.test(context.state.sliceDoc(0, context.pos)))) return null;
    var line = context.state.doc.lineAt(context.pos);
    return api("POST", "/api/complete", {path: current.path, text: context.state.doc.toString(),
                                         line: line.number - 1, column: context.pos - line.from})
      .then(function (r) {
        if (r.status !== 200) return null;
        return {from: word.from, options: r.json.map(function (i) { return {label: i.label, detail: i.detail}; })};
      });
  }
  var editor = new CM.EditorView({
    parent: $("editor"),
    extensions: [CM.basicSetup, CM.yaml(), CM.lintGutter(), CM.autocompletion({override: [completionSource]}),
      CM.keymap.of([{key: "Mod-s", preventDefault: true, run: function () { save(false); return true; }}]),
      CM.EditorView.updateListener.of(function (u) { if (u.docChanged) markDirty(); })]
  });
  function text() { return editor.state.doc.toString(); }
  function dirty() { return current.path !== null && text() !== current.saved; }
  function markDirty() { $("save").disabled = !dirty(); $("dirty").textContent = dirty() ? "unsaved changes" : ""; }
  function setText(value) {
    editor.dispatch({changes: {from: 0, to: editor.state.doc.length, insert: value}});
  }
  function openFile(path) {
    return api("GET", "/api/file?path=" + encodeURIComponent(path)).then(function (r) {
      if (r.status !== 200) { $("status").textContent = r.json.error; return; }
      current = {path: r.json.path, base: r.json.hash, saved: r.json.text};
      setText(r.json.text);
      markDirty();
      showDiagnostics();
    });
  }
  function save(force) {
    if (!current.path) return;
    var mine = text();
    api("PUT", "/api/file?path=" + encodeURIComponent(current.path), {text: mine, base: force ? null : current.base})
      .then(function (r) {
        if (r.status === 409) { showConflict(mine, r.json.disk, r.json.hash); return; }
        if (r.status !== 200) { $("status").textContent = "Not saved: " + r.json.error; return; }
        current.base = r.json.hash; current.saved = mine; markDirty();
      });
  }
  function showConflict(mine, disk, hash) {
    $("conflict-mine").textContent = mine;
    $("conflict-disk").textContent = disk;
    $("conflict").hidden = false;
    $("keep-mine").onclick = function () { $("conflict").hidden = true; current.base = hash; save(false); };
    $("take-disk").onclick = function () { $("conflict").hidden = true; current = {path: current.path, base: hash, saved: disk}; setText(disk); markDirty(); };
    $("keep-mine").focus();
  }
  $("save").addEventListener("click", function () { save(false); });
  $("file").addEventListener("change", function () {
    if (dirty() && !window.confirm("Discard your unsaved changes to " + current.path + "?")) { $("file").value = current.path; return; }
    openFile($("file").value);
  });

  /* ---- diagnostics ---- */
  function showDiagnostics() {
    if (!state) return;
    var list = $("problems"), doc = editor.state.doc, marks = [];
    list.textContent = "";
    state.diagnostics.forEach(function (d) {
      var item = el("li");
      item.appendChild(el("span", d.severity, d.severity));
      var jump = el("button", " " + d.file + ":" + d.line + ":" + d.column + " " + d.code + " " + d.message);
      jump.addEventListener("click", function () {
        (d.file === current.path ? Promise.resolve() : openFile(d.file).then(function () { $("file").value = d.file; }))
          .then(function () { var line = editor.state.doc.line(Math.min(d.line, editor.state.doc.lines));
            editor.dispatch({selection: {anchor: Math.min(line.from + d.column - 1, line.to)}, scrollIntoView: true}); editor.focus(); });
      });
      item.appendChild(jump);
      if (d.hint) item.appendChild(el("div", "hint: " + d.hint, "meta"));
      list.appendChild(item);
      if (d.file === current.path && d.line <= doc.lines && !dirty()) {
        var line = doc.line(d.line), from = Math.min(line.from + d.column - 1, line.to);
        var rest = doc.sliceString(from, line.to), word = rest.match(/^("[^"]*"|'[^']*'|[^\s,\]}]+)/);
        marks.push({from: from, to: Math.max(from + (word ? word[0].length : 1), from + 1) > line.to ? line.to : from + (word ? word[0].length : 1),
                    severity: d.severity === "error" ? "error" : "warning", message: d.code + ": " + d.message + (d.hint ? "\nhint: " + d.hint : "")});
      }
    });
    $("problem-count").textContent = state.diagnostics.length ? "(" + state.diagnostics.length + ")" : "(none)";
    editor.dispatch(CM.setDiagnostics(editor.state, marks));
  }

  /* ---- the source pane ---- */
  function showSource(id) {
    if (!id) return;
    api("GET", "/api/source?id=" + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) return;
      var pane = $("source-text");
      var keep = pane.scrollTop;
      pane.textContent = "";
      r.json.paragraphs.forEach(function (p) {
        var para = el("p", undefined, p.status.replace(" ", "-"));
        para.dataset.number = "\u00b6" + p.number;
        para.dataset.paragraph = p.number;
        var marks = p.marks.slice().sort(function (a, b) { return a.start - b.start; }), at = 0;
        marks.forEach(function (m) {
          if (m.start < at) return;
          para.appendChild(document.createTextNode(p.text.slice(at, m.start)));
          var mark = el("mark", p.text.slice(m.start, m.end));
          mark.title = "cited by " + p.marks.filter(function (o) { return o.start < m.end && o.end > m.start; })
            .map(function (o) { return o.claim + ": " + o.text; }).join("\n");
          para.appendChild(mark);
          at = m.end;
        });
        para.appendChild(document.createTextNode(p.text.slice(at)));
        if (p.status === "uncited") para.title = "No claim cites this paragraph yet";
        pane.appendChild(para);
      });
      pane.scrollTop = keep;
    });
  }
  $("source").addEventListener("change", function () { showSource($("source").value); });
  $("cite").addEventListener("click", function () {
    var quote = String(window.getSelection()).trim(), head = editor.state.selection.main.head;
    if (!quote) { $("cite-status").textContent = "Select the words to quote in the source first."; return; }
    api("POST", "/api/cite", {source: $("source").value, quote: quote, text: text(),
                              line: editor.state.doc.lineAt(head).number - 1}).then(function (r) {
      if (r.status !== 200) { $("cite-status").textContent = r.json.error + (r.json.hint ? " (" + r.json.hint + ")" : ""); return; }
      var line = editor.state.doc.line(Math.min(r.json.line + 1, editor.state.doc.lines));
      var at = r.json.line >= editor.state.doc.lines ? editor.state.doc.length : line.from;
      editor.dispatch({changes: {from: at, insert: r.json.insert}});
      $("cite-status").textContent = "Cited. Save to check it.";
    });
  });

  /* ---- the map and brief ---- */
  function viewUrl() { return "/live/" + view + "/" + encodeURIComponent($("map").value) + ".html"; }
  function showView(reload) {
    var frame = $("view"), url = viewUrl();
    frame.title = view === "map" ? "The interactive map" : "The brief";
    if (reload && frame.contentWindow && frame.getAttribute("src") === url) frame.contentWindow.location.reload();
    else frame.setAttribute("src", url);
  }
  ["map", "brief"].forEach(function (kind) {
    $("tab-" + kind).addEventListener("click", function () {
      view = kind;
      $("tab-map").setAttribute("aria-selected", String(kind === "map"));
      $("tab-brief").setAttribute("aria-selected", String(kind === "brief"));
      showView(false);
    });
  });
  $("map").addEventListener("change", function () { showView(false); });

  /* ---- live updates ---- */
  function fill(select, values, keep) {
    var before = select.value;
    select.textContent = "";
    values.forEach(function (v) { var o = el("option", v[1]); o.value = v[0]; select.appendChild(o); });
    if (keep && values.some(function (v) { return v[0] === before; })) select.value = before;
  }
  function update() {
    return api("GET", "/api/state").then(function (r) {
      var first = state === null;
      state = r.json;
      var status = $("status");
      status.textContent = "Checked (version " + state.version + ", " + Math.round(state.seconds * 1000) + " ms): "
        + (state.diagnostics.length ? state.diagnostics.length + " problem(s)" : "no problems")
        + (state.stale ? ". The map below is the last good one: fix the errors to update it." : ".");
      status.className = state.stale ? "stale" : "";
      document.body.dataset.version = state.version;
      fill($("file"), state.files.map(function (f) { return [f, f]; }), true);
      fill($("source"), state.sources.map(function (s) { return [s, s]; }), true);
      fill($("map"), Object.keys(state.maps).map(function (m) { return [m, state.maps[m].title]; }), true);
      if (first && state.files.length) { $("file").value = state.files[0]; openFile(state.files[0]); }
      else if (current.path) refreshOpenFile();
      showDiagnostics();
      showSource($("source").value);
      var id = $("map").value, version = id && state.maps[id] ? state.maps[id].version : null;
      if (id && shownVersions[id] !== version) { showView(shownVersions[id] !== undefined); shownVersions[id] = version; }
    });
  }
  function refreshOpenFile() {
    api("GET", "/api/file?path=" + encodeURIComponent(current.path)).then(function (r) {
      if (r.status !== 200 || r.json.hash === current.base) return;
      if (!dirty()) { current.base = r.json.hash; current.saved = r.json.text; setText(r.json.text); markDirty(); showDiagnostics(); }
      else showConflict(text(), r.json.text, r.json.hash);
    });
  }
  var events = new EventSource("/api/events");
  events.addEventListener("update", function (e) {
    // The map first: the frame shares this page's thread, so it loads before the rest is redrawn.
    var maps = JSON.parse(e.data).maps || {}, id = $("map").value;
    if (id && maps[id] !== undefined && shownVersions[id] !== undefined && maps[id] !== shownVersions[id]) {
      shownVersions[id] = maps[id];
      showView(true);
      $("view").addEventListener("load", function () { update(); }, {once: true});
    } else {
      update();
    }
  });
  events.onerror = function () { $("status").textContent = "Disconnected from the server; retrying\u2026"; };
  window.addEventListener("beforeunload", function (e) { if (dirty()) { e.preventDefault(); e.returnValue = ""; } });
})();
