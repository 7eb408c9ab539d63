/*
 * Runs before the add-in's bundle, in ES5 so that every webview parses it, Trident (Internet Explorer 11)
 * included. The bundle is ES2017 and cannot run in Trident; where what it needs is missing, the task pane shows
 * a plain message instead of staying blank, and the ribbon's Refresh RAG shows the same message in a dialog.
 * Two ES2019/ES2020 built-ins the bundle uses that EdgeHTML 18 lacks are filled in (globalThis,
 * Object.fromEntries); nothing else is patched.
 */
(function () {
  "use strict";
  var w = window;

  if (typeof w.globalThis === "undefined") w.globalThis = w;
  if (typeof Object.fromEntries !== "function" && typeof w.Symbol === "function") {
    Object.fromEntries = function (entries) {
      var out = {};
      var it = entries[w.Symbol.iterator]();
      for (var step = it.next(); !step.done; step = it.next()) out[step.value[0]] = step.value[1];
      return out;
    };
  }

  function supported() {
    try {
      return (
        typeof w.Promise === "function" &&
        typeof w.Promise.prototype["finally"] === "function" &&
        typeof w.Symbol === "function" &&
        typeof w.Map === "function" &&
        typeof w.WeakMap === "function" &&
        typeof w.Proxy === "function" &&
        typeof w.URL === "function" &&
        typeof Object.entries === "function" &&
        typeof Object.values === "function" &&
        typeof Array.prototype.includes === "function" &&
        typeof String.prototype.padStart === "function"
      );
    } catch (e) {
      return false;
    }
  }

  var ok = supported();
  w.programmeRagSupported = ok;
  if (ok) return;

  var TITLE = "Programme RAG cannot run in this version of Office";
  var TEXT =
    "The browser built into this copy of Office (Internet Explorer) is too old for the add-in. " +
    "Use Excel on the web, or update Office (Microsoft 365 on Windows 10 or 11 uses Microsoft Edge for add-ins). " +
    "Nothing in the workbook was changed.";

  function showInPane() {
    var container = document.getElementById("container");
    if (!container) return;
    while (container.firstChild) container.removeChild(container.firstChild);
    var h = document.createElement("h1");
    h.appendChild(document.createTextNode(TITLE));
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.appendChild(document.createTextNode(TEXT));
    container.appendChild(h);
    container.appendChild(p);
    container.style.fontFamily = "Segoe UI, Arial, sans-serif";
    container.style.padding = "0 12px";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showInPane);
  else showInPane();

  // The function file (commands.html) has no window of its own: the ribbon's command says it in a dialog.
  function noticeUrl() {
    var base = w.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
    return (
      base + "notice.html?kind=error&title=" + encodeURIComponent(TITLE) + "&text=" + encodeURIComponent(TEXT)
    );
  }

  function refreshRag(event) {
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      event.completed();
    }
    try {
      w.Office.context.ui.displayDialogAsync(
        noticeUrl(),
        { height: 40, width: 30, displayInIframe: true },
        function (r) {
          if (r.status !== "succeeded") return finish();
          r.value.addEventHandler("dialogMessageReceived", function () {
            r.value.close();
            finish();
          });
          r.value.addEventHandler("dialogEventReceived", finish);
        }
      );
    } catch (e) {
      finish();
    }
  }

  var office = w.Office;
  if (office && typeof office.onReady === "function" && !document.getElementById("container")) {
    w.refreshRag = refreshRag;
    office.onReady(function () {
      if (office.actions && typeof office.actions.associate === "function") {
        office.actions.associate("refreshRag", refreshRag);
      }
    });
  }
})();
