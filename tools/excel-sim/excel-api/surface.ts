/**
 * The Excel JavaScript API surface the simulated Excel offers, shared by its two front ends (the jest fake's
 * proxies in excel-fake/, and the RichApi host that answers Microsoft's real office.js in host/):
 * which classes and members are implemented (metadata.ts), the requirement-set gate, what a load without a
 * select returns, and the RichApi wire constants. One copy, so the two front ends cannot drift apart.
 */
import type { ApiTag } from "../excel-model/excel-api.generated";
import { EXCEL_API_MEMBERS } from "../excel-model/excel-api.generated";
import { CLASSES } from "./metadata";

export type { ClassInfo, MethodReturn } from "./metadata";
export { CLASSES } from "./metadata";

// ---- the wire -------------------------------------------------------------------------------------------------

/** RichApi action types (`Actions[].ActionType`), as Microsoft's office.js sends them. */
export const ACTION = {
  Instantiate: 1,
  Query: 2,
  Method: 3,
  SetProperty: 4,
  Trace: 5,
  QueryAsJson: 7,
  Update: 9,
} as const;

/** RichApi object path types (`ObjectPaths[id].ObjectPathType`). */
export const OBJECT_PATH = {
  GlobalObject: 1,
  NewObject: 2,
  Method: 3,
  Property: 4,
  Indexer: 5,
  ReferenceId: 6,
} as const;

/** A member's name on the wire: "getRange" travels as "GetRange", "values" as "Values". */
export const wireName = (jsName: string): string => jsName.charAt(0).toUpperCase() + jsName.slice(1);
/** A member's JavaScript name from its wire name. */
export const jsName = (wire: string): string => wire.charAt(0).toLowerCase() + wire.slice(1);

// ---- the requirement gate -------------------------------------------------------------------------------------

/** The version a host declares for a requirement set ("ExcelApi" → "1.9"), or undefined when it has none. */
export type DeclaredSet = (set: string) => string | undefined;

const versionCache = new Map<string, boolean>();

/** "1.10" ≥ "1.9": requirement-set versions compare as major.minor numbers (a missing part is 0). */
export function versionAtLeast(have: string, need: string): boolean {
  const key = `${have}\u0000${need}`;
  let ok = versionCache.get(key);
  if (ok === undefined) {
    const [h1 = 0, h2 = 0] = have.split(".").map(Number);
    const [n1 = 0, n2 = 0] = need.split(".").map(Number);
    ok = h1 > n1 || (h1 === n1 && h2 >= n2);
    versionCache.set(key, ok);
  }
  return ok;
}

/** Whether a tagged member is within the declared sets. */
export function tagDeclared(tag: ApiTag, declared: DeclaredSet): boolean {
  const have = declared(tag.set);
  return !!have && versionAtLeast(have, tag.version);
}

/** What a member of the published API needs when it is got, set or called (a setter may need a later version). */
export function memberTag(
  className: string,
  member: string,
  mode: "get" | "set" | "call",
): ApiTag | undefined {
  const tag = EXCEL_API_MEMBERS[className]?.[member];
  if (!tag) return undefined;
  return mode === "set" && tag.setVersion ? { ...tag, version: tag.setVersion } : tag;
}

/**
 * The requirement `Class.member` misses under the declared sets (each front end throws ApiNotFound with it in
 * its own form), or null when the member is within them or has no tag.
 */
export function missingRequirement(
  className: string,
  member: string,
  mode: "get" | "set" | "call",
  declared: DeclaredSet,
): { set: string; version: string; declared: string | undefined } | null {
  const tag = memberTag(className, member, mode);
  if (!tag || tagDeclared(tag, declared)) return null;
  return { set: tag.set, version: tag.version, declared: declared(tag.set) };
}

// ---- the load projection --------------------------------------------------------------------------------------

/** The scalars a load without a select returns: every implemented scalar within the declared sets. */
export function declaredScalars(className: string, declared: DeclaredSet): string[] {
  const info = CLASSES[className];
  if (!info) return [];
  return info.scalars.filter((s) => {
    const tag = EXCEL_API_MEMBERS[className]?.[s];
    return !tag || tagDeclared(tag, declared);
  });
}
