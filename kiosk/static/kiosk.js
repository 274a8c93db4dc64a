/* Kiosk behaviour: the idle timer and the on-screen keypad. Nothing is ever written to browser storage. */
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
  function touched() {
    if (!overlay.hidden) return;  // only the 继续使用 button dismisses the warning
    clearTimeout(idleTimer);
    idleTimer = setTimeout(showWarning, idle);
  }
  document.getElementById("idle-stay").addEventListener("click", function () {
    clearInterval(countTimer);
    overlay.hidden = true;
    touched();
  });
  ["pointerdown", "keydown", "input", "scroll"].forEach(function (ev) {
    document.addEventListener(ev, touched, { passive: true, capture: true });
  });
  touched();

  // On-screen keypads: <div class="keypad" data-target="field-id"> with <button data-key="1"> … and
  // data-key="back" / "clear". Keys type into the target field; no physical keyboard is needed.
  document.querySelectorAll(".keypad").forEach(function (pad) {
    pad.addEventListener("click", function (e) {
      var key = e.target.closest("button[data-key]");
      if (!key) return;
      e.preventDefault();
      var field = document.getElementById(pad.dataset.target);
      var k = key.dataset.key;
      if (k === "back") field.value = field.value.slice(0, -1);
      else if (k === "clear") field.value = "";
      else if (!field.maxLength || field.maxLength < 0 || field.value.length < field.maxLength) field.value += k;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
  // Keypads that serve several fields follow the field last touched.
  document.querySelectorAll("[data-keypad]").forEach(function (field) {
    field.addEventListener("focus", function () {
      var pad = document.getElementById(field.dataset.keypad);
      if (pad) pad.dataset.target = field.id;
    });
  });
})();
