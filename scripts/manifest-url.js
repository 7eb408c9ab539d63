// The manifest's URLs: the dev server's in manifest.xml, rewritten to the production site by `npm run build`.
// Plain CommonJS because webpack.config.js loads it; types in manifest-url.d.ts.
"use strict";

/** The base URL every add-in URL in manifest.xml starts with (webpack-dev-server, port 3000). */
const DEV_URL = "https://localhost:3000/";

/** Where the built add-in is served when PROGRAMME_RAG_URL is not set. */
const DEFAULT_PRODUCTION_URL = "https://programme-rag.example.gov.uk/";

/**
 * The production base URL from the environment (PROGRAMME_RAG_URL), or the default. It must be an https URL
 * that is not on this machine; a trailing "/" is added when missing, so "https://host/addin" serves
 * "https://host/addin/taskpane.html".
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
function productionUrl(env) {
  const raw = (env.PROGRAMME_RAG_URL || "").trim() || DEFAULT_PRODUCTION_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PROGRAMME_RAG_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`PROGRAMME_RAG_URL must be https (Office only loads add-ins over https): "${raw}"`);
  }
  if (isLocalHost(url.hostname)) {
    throw new Error(`PROGRAMME_RAG_URL must not point at this machine: "${raw}"`);
  }
  if (url.search || url.hash) {
    throw new Error(`PROGRAMME_RAG_URL must be a base URL without ?query or #fragment: "${raw}"`);
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** @param {string} hostname */
function isLocalHost(hostname) {
  const h = hostname.toLowerCase();
  return (
    h === "localhost" || h.endsWith(".localhost") || h === "[::1]" || /^127\./.test(h) || h === "0.0.0.0"
  );
}

/**
 * Replaces every occurrence of the dev URL in the manifest text with the production base URL. Throws when the
 * manifest has no dev URL at all (it was changed, and the build would otherwise ship it unrewritten) or when a
 * localhost URL is still there afterwards (another port or scheme that the rewrite did not match).
 * @param {string} manifestXml
 * @param {string} prodUrl a base URL ending in "/", as productionUrl() returns it
 * @returns {string}
 */
function rewriteManifestUrls(manifestXml, prodUrl) {
  if (!prodUrl.endsWith("/")) throw new Error(`production URL must end with "/": "${prodUrl}"`);
  const parts = manifestXml.split(DEV_URL);
  if (parts.length === 1) {
    throw new Error(
      `manifest.xml has no "${DEV_URL}" URL to rewrite: the production build would ship it as it is. ` +
        `Keep the add-in's URLs under ${DEV_URL} in the source manifest.`,
    );
  }
  const rewritten = parts.join(prodUrl);
  const leftover = /https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(?![\w.-])[^\s"'<]*/i.exec(rewritten);
  if (leftover) {
    throw new Error(`manifest.xml still names this machine after the rewrite: "${leftover[0]}"`);
  }
  return rewritten;
}

module.exports = { DEV_URL, DEFAULT_PRODUCTION_URL, productionUrl, rewriteManifestUrls };
