// PLACEHOLDER written by the manifest/webpack task so that `npm run build` has an entry point.
// The ribbon-commands task replaces this file. Keep the registration name: manifest.xml's
// <FunctionName>refreshRag</FunctionName> must match, and tests/manifest checks that it does.
function refreshRag(event: Office.AddinCommands.Event): void {
  event.completed();
}

Office.onReady(() => undefined);
Office.actions.associate("refreshRag", refreshRag);
