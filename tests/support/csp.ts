/** Reading the Content-Security-Policy and the scripts of an HTML page (source or built), for the page tests. */

/** The policy of a page's <meta http-equiv="Content-Security-Policy">, as directive → sources; null if none. */
export function cspOf(html: string): Map<string, string[]> | null {
  const meta = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=("([^"]*)"|'([^']*)')/i.exec(
    html,
  );
  if (!meta) return null;
  const policy = meta[2] ?? meta[3] ?? "";
  const out = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Each <script>'s src in order, or "inline" for a script with content. */
export function scriptSources(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc=("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[1] ?? "");
    if (src) out.push(src[2] ?? src[3] ?? src[4] ?? "");
    else if ((m[2] ?? "").trim() !== "") out.push("inline");
  }
  return out;
}
