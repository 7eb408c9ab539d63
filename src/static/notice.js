/*
 * The ribbon's notice dialog (notice.html?kind=…&title=…&text=…), opened by Refresh RAG through
 * Office.context.ui.displayDialogAsync. ES5, so it runs in every webview. The text is set as text (never as
 * HTML), and OK tells the command (messageParent) that the user has read it.
 */
(function () {
  "use strict";
  function param(name) {
    var query = window.location.search.replace(/^\?/, "").split("&");
    for (var i = 0; i < query.length; i++) {
      var pair = query[i].split("=");
      if (decodeURIComponent(pair[0]) === name)
        return decodeURIComponent((pair.slice(1).join("=") || "").replace(/\+/g, " "));
    }
    return "";
  }

  function close() {
    try {
      window.Office.context.ui.messageParent("close");
    } catch (e) {
      window.close();
    }
  }

  function show() {
    var kind = param("kind") === "error" ? "error" : "success";
    document.getElementById("title").appendChild(document.createTextNode(param("title") || "Programme RAG"));
    document.getElementById("text").appendChild(document.createTextNode(param("text")));
    document.body.className = kind;
    if (kind === "error") document.getElementById("text").setAttribute("role", "alert");
    var ok = document.getElementById("ok");
    ok.onclick = close;
    ok.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
  if (window.Office && typeof window.Office.onReady === "function") window.Office.onReady(function () {});
})();
