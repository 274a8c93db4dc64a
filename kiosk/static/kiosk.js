/* Kiosk behaviour: the idle timer, the on-screen keypads (digits, pinyin), keyboard switching.
   Nothing is ever written to browser storage (no localStorage, sessionStorage, IndexedDB or cookies from here). */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.dataset.idleSeconds || "90", 10) * 1000;
  var warn = parseInt(body.dataset.warningSeconds || "20", 10);
  var overlay = document.getElementById("idle-warning");
  var countEl = document.getElementById("idle-count");
  var idleTimer = null, countTimer = null, left = warn;

  function wipe() {
    // POST so the server clears the session cookie; then replace this page so Back shows nothing personal.
    var form = document.createElement("form");
    form.method = "post";
    form.action = body.dataset.wipeUrl;
    var token = document.createElement("input");
    token.type = "hidden"; token.name = "csrf_token"; token.value = body.dataset.csrf || "";
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
  }
  function showWarning() {
    left = warn;
    countEl.textContent = left;
    overlay.hidden = false;
    countTimer = setInterval(function () {
      left -= 1;
      countEl.textContent = Math.max(left, 0);
      if (left <= 0) { clearInterval(countTimer); wipe(); }
    }, 1000);
  }
  // Taps on the keypads never reach the server, which drops a session idle for longer than the limit plus the
  // warning: tell it the visitor is still here, at most every 15 s, and at once on 继续使用.
  var lastPing = Date.now();
  function keepAlive(now) {
    lastPing = now;
    fetch(body.dataset.aliveUrl, { method: "GET", credentials: "same-origin", cache: "no-store" }).catch(function () {});
  }
  function touched() {
    if (!overlay.hidden) return;  // only the 继续使用 button dismisses the warning
    clearTimeout(idleTimer);
    idleTimer = setTimeout(showWarning, idle);
    var now = Date.now();
    if (body.dataset.aliveUrl && now - lastPing > Number(body.dataset.aliveEvery || 15) * 1000) keepAlive(now);
  }
  document.getElementById("idle-stay").addEventListener("click", function () {
    clearInterval(countTimer);
    overlay.hidden = true;
    if (body.dataset.aliveUrl) keepAlive(Date.now());
    touched();
  });
  ["pointerdown", "keydown", "input", "scroll"].forEach(function (ev) {
    document.addEventListener(ev, touched, { passive: true, capture: true });
  });
  touched();

  // Back (or a restored tab) must never show a page from memory: ask the server again, which knows about wipes.
  // A GET, never reload(): a page that answered a form (the name check, a long chat answer) would post it again.
  window.addEventListener("pageshow", function (e) { if (e.persisted) window.location.replace(window.location.href); });

  function typeInto(field, text) {
    if (!field) return;
    var room = field.maxLength && field.maxLength > 0 ? field.maxLength - field.value.length : text.length;
    if (room <= 0) return;
    field.value += text.slice(0, room);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function dropLast(field) {
    if (!field) return;
    field.value = Array.from(field.value).slice(0, -1).join("");  // one character, also beyond the BMP
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function clearField(field) {
    if (!field) return;
    field.value = "";
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // On-screen keypads: <div class="keypad" data-target="field-id"> with <button data-key="1"> … and
  // data-key="back" / "clear" / "space". Keys type into the target field; no physical keyboard is needed.
  // Pinyin keypads (data-mode="pinyin") belong to their .pinyin widget below.
  document.querySelectorAll(".keypad").forEach(function (pad) {
    if (pad.dataset.mode === "pinyin") return;
    pad.addEventListener("click", function (e) {
      var key = e.target.closest("button[data-key]");
      if (!key) return;
      e.preventDefault();
      var field = document.getElementById(pad.dataset.target);
      var k = key.dataset.key;
      if (k === "back") dropLast(field);
      else if (k === "clear") clearField(field);
      else typeInto(field, k === "space" ? " " : k);
    });
  });

  // Pinyin keyboard: letters build a syllable (.pinyin-typed); .candidates offers the characters read that way
  // (or starting so), most common first, from pinyin.json; a tap appends one to the field. Letters that lead to
  // no syllable are disabled, so a wrong key cannot be pressed.
  var PAGE = 16;  // two rows of candidates
  var table = null, rank = null, waiting = [];
  function withTable(done) {
    if (table) { done(); return; }
    waiting.push(done);
    if (waiting.length > 1) return;
    fetch(body.dataset.pinyinUrl).then(function (r) { return r.json(); }).then(function (t) {
      table = t.syllables;
      rank = {};
      Array.from(t.order).forEach(function (ch, i) { rank[ch] = i; });
      waiting.splice(0).forEach(function (f) { f(); });
    });
  }
  function candidatesFor(typed) {
    if (!typed) return [];
    var exact = Array.from(table[typed] || ""), more = [], seen = {};
    exact.forEach(function (ch) { seen[ch] = true; });
    Object.keys(table).forEach(function (syl) {
      if (syl !== typed && syl.indexOf(typed) === 0) {
        Array.from(table[syl]).forEach(function (ch) { if (!seen[ch]) { seen[ch] = true; more.push(ch); } });
      }
    });
    more.sort(function (a, b) { return rank[a] - rank[b]; });
    return exact.concat(more);
  }
  function nextLetters(typed) {
    var next = {};
    Object.keys(table).forEach(function (syl) {
      if (syl.length > typed.length && syl.indexOf(typed) === 0) next[syl.charAt(typed.length)] = true;
    });
    return next;
  }
  document.querySelectorAll(".pinyin").forEach(function (widget) {
    var typedEl = widget.querySelector(".pinyin-typed");
    var candEl = widget.querySelector(".candidates");
    var letters = widget.querySelector(".keypad.letters");
    var typed = "", page = 0, list = [];
    function field() { return document.getElementById(widget.dataset.target); }
    function render() {
      typedEl.textContent = typed;
      list = candidatesFor(typed);
      page = Math.min(page, Math.max(0, Math.ceil(list.length / PAGE) - 1));
      candEl.textContent = "";
      if (page > 0) candEl.appendChild(pageButton("‹", -1, "上一页"));
      list.slice(page * PAGE, page * PAGE + PAGE).forEach(function (ch) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "cand"; b.dataset.char = ch; b.textContent = ch;
        candEl.appendChild(b);
      });
      if ((page + 1) * PAGE < list.length) candEl.appendChild(pageButton("›", 1, "下一页"));
      var next = nextLetters(typed);
      letters.querySelectorAll("button[data-key]").forEach(function (b) {
        if (/^[a-z]$/.test(b.dataset.key)) b.disabled = !next[b.dataset.key];
      });
    }
    function pageButton(text, step, label) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "page"; b.dataset.page = step; b.textContent = text;
      b.setAttribute("aria-label", label);
      return b;
    }
    function commit(ch) { typeInto(field(), ch); typed = ""; page = 0; render(); }
    candEl.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      e.preventDefault();
      if (b.dataset.char) commit(b.dataset.char);
      else { page += parseInt(b.dataset.page, 10); render(); }
    });
    letters.addEventListener("click", function (e) {
      var key = e.target.closest("button[data-key]");
      if (!key || key.disabled) return;
      e.preventDefault();
      var k = key.dataset.key;
      if (k === "back") { if (typed) { typed = typed.slice(0, -1); page = 0; render(); } else dropLast(field()); }
      else if (k === "clear") { typed = ""; page = 0; render(); clearField(field()); }
      else if (k === "space") { if (list.length) commit(list[page * PAGE]); else typeInto(field(), " "); }
      else { typed += k; page = 0; render(); }
    });
    withTable(render);
  });

  // Keypads that serve several fields follow the field last touched.
  document.querySelectorAll("[data-keypad]").forEach(function (field) {
    field.addEventListener("focus", function () {
      var pad = document.getElementById(field.dataset.keypad);
      if (!pad) return;
      pad.dataset.target = field.id;
      pad.querySelectorAll(".keypad").forEach(function (inner) { inner.dataset.target = field.id; });
    });
  });
  // Several keyboards in one .boards: the touched field's (data-board) or the chosen one (data-switch) shows.
  function showBoard(id, keepHidden) {
    var board = document.getElementById(id);
    var boards = board && board.closest(".boards");
    if (!boards) return;
    if (!keepHidden) boards.hidden = false;
    Array.from(boards.children).forEach(function (child) {
      if (child.id) child.hidden = child.id !== id;
    });
  }
  function markTyping(field) {  // the keys go to this field even after a key took the focus: show it
    document.querySelectorAll("[data-board]").forEach(function (f) { f.classList.toggle("typing", f === field); });
  }
  document.querySelectorAll("[data-board]").forEach(function (field) {
    field.addEventListener("focus", function () { showBoard(field.dataset.board); markTyping(field); });
  });
  document.querySelectorAll("[data-switch]").forEach(function (button) {
    button.addEventListener("click", function () { showBoard(button.dataset.switch); });
  });
  var focused = document.querySelector("[autofocus][data-board]") || document.querySelector("[data-board]");
  if (focused) {
    showBoard(focused.dataset.board, true);
    var shown = document.getElementById(focused.dataset.board);
    if (shown && !shown.closest(".boards").hidden) markTyping(focused);
  }

  // Long lists (the chat transcript) open at their end; a form posts once, however often it is tapped.
  document.querySelectorAll("[data-scroll-end]").forEach(function (el) { el.scrollTop = el.scrollHeight; });
  var end = document.getElementById("end");
  if (end) end.scrollIntoView({ block: "end" });
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (form.dataset.sent) { e.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });
})();
