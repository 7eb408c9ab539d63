/**
 * A simulated Excel host for Microsoft's real office.js: it answers the RichApi batches the client library
 * serialises at `context.sync()` from the same WorkbookModel the jest fake drives (tools/excel-sim/excel-model,
 * through ExcelHost). One model of Excel's behaviour, two front doors: the jest fake's proxies, and this.
 *
 * Protocol (observed, see tests/e2e/README.md): a request is
 *   { Actions: [{Id, ActionType, ObjectPathId, Name?, ArgumentInfo?, QueryInfo?}], ObjectPaths: {id: {...}} }
 * and the answer { Results: [{ActionId, Value}], Error?: {Code, Message, Location, ActionIndex, HttpStatusCode} }.
 * Names travel in PascalCase ("GetRange", "Values", "Format"); ExcelHost takes the JavaScript names.
 */
import { EXCEL_API_REQUIREMENT } from "../../../src/requirements";
import { ERROR_MESSAGES, ExcelModelError } from "../excel-model/errors";
import type { Handle } from "../excel-model/host";
import { ExcelHost } from "../excel-model/host";
import type { WorkbookModel } from "../excel-model/workbook";
import type { DeclaredSet } from "../excel-api/surface";
import {
  ACTION,
  CLASSES,
  OBJECT_PATH,
  declaredScalars,
  jsName,
  missingRequirement,
  wireName,
} from "../excel-api/surface";

export { ACTION, OBJECT_PATH } from "../excel-api/surface";

export interface RichApiAction {
  Id: number;
  ActionType: number;
  ObjectPathId: number;
  Name?: string;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
  ObjectState?: Record<string, unknown>;
}

export interface RichApiObjectPath {
  ObjectPathType: number;
  Name?: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
}

export interface RichApiRequest {
  Actions?: RichApiAction[];
  ObjectPaths?: Record<string, RichApiObjectPath>;
  AutoKeepReference?: boolean;
}

export interface RichApiError {
  Code: string;
  Message: string;
  Location: string;
  ActionIndex: number;
  HttpStatusCode: number;
}

export interface RichApiResponse {
  Results: { ActionId: number; Value: unknown }[];
  Error?: RichApiError;
}

/** What kind of batch it was: the add-in's own work, office.js's start-up notice, or Excel.run's clean-up. */
export type BatchKind = "workbook" | "internal" | "cleanup";

export interface BatchRecord {
  /** 1-based, over the host's life. */
  seq: number;
  kind: BatchKind;
  /** UTF-8 bytes of the request body as it arrived. */
  requestBytes: number;
  responseBytes: number;
  /** Actions other than instantiations (sets, calls, loads). */
  commands: number;
  /** Properties set and methods called (not get…), as "Class.member" ("Range.values", "Worksheet.delete" ...). */
  writes: string[];
  /** Objects loaded, as their class names ("Range", "WorksheetCollection" ...). */
  loads: string[];
  /** The error code the batch answered with, if any. */
  error: string | null;
}

export interface RichApiHostOptions {
  /** Requirement sets the host declares (GetSupportedMatrix). Default: ExcelApi = the manifest's. */
  requirementSets?: Record<string, string>;
  /** Largest request accepted, in UTF-8 bytes (Excel on the web: 5 MB). Default 5,000,000, as the jest fake. */
  payloadLimitBytes?: number;
}

/** A failure the test asks the host to give, in place of Excel's answer to a batch. */
export interface InjectedFailure {
  /** Which batch fails: the next one touching the workbook whose actions satisfy `when` (default any). */
  when?: (request: RichApiRequest) => boolean;
  code: string;
  message?: string;
  httpStatusCode?: number;
}

type Resolved = { kind: "excel"; h: Handle } | { kind: "service"; name: string } | null;

/** Thrown inside a batch: Excel's error for the action at `actionIndex`. */
class BatchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location: string,
    readonly httpStatusCode: number,
  ) {
    super(message);
  }
}

const lowerFirst = jsName;
const upperFirst = wireName;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Excel's answer to an object that can be addressed by a key in its collection (worksheets[id], ...). */
function keyOf(h: Handle): string | null {
  switch (h.t) {
    case "Worksheet":
      return h.sheetId;
    case "Setting":
      return h.key;
    case "NamedItem":
      return h.name;
    case "Chart":
      return h.chartId;
    case "Shape":
      return h.shapeId;
    case "RangeBorder":
      return h.side;
    default:
      return null;
  }
}

export class RichApiHost {
  readonly excel: ExcelHost;
  readonly batches: BatchRecord[] = [];
  readonly requirementSets: Record<string, string>;
  readonly payloadLimitBytes: number;
  /** Kept references (`_KeepReference` → `_ReferenceId`), as Excel keeps ranges alive between batches. */
  private readonly references = new Map<string, Handle>();
  private nextReference = 1;
  private failures: InjectedFailure[] = [];
  /** Called after every batch (the preview page refreshes its tables from this). */
  onBatch: ((record: BatchRecord) => void) | null = null;

  constructor(
    readonly model: WorkbookModel,
    options: RichApiHostOptions = {},
  ) {
    this.excel = new ExcelHost(model);
    this.requirementSets = options.requirementSets ?? { ExcelApi: EXCEL_API_REQUIREMENT };
    this.payloadLimitBytes = options.payloadLimitBytes ?? 5_000_000;
  }

  /** GetSupportedMatrix: the requirement sets, with the RichApi runtime version office.js expects. */
  supportedMatrix(): string {
    return JSON.stringify({ ...this.requirementSets, RichApiRuntime: "1.1", RichApiRuntimeFlag: "1.1" });
  }

  /** Makes a later batch fail with the given code (a host failure: nothing of that batch is applied). */
  injectFailure(failure: InjectedFailure): void {
    this.failures.push(failure);
  }

  /** Batches of the add-in's own work (not office.js's start-up notice nor Excel.run's clean-up). */
  workbookBatches(): BatchRecord[] {
    return this.batches.filter((b) => b.kind === "workbook");
  }

  /** Answers one request body (JSON text) with a response body (JSON text). */
  process(requestBody: string): string {
    const requestBytes = utf8Length(requestBody);
    let request: RichApiRequest;
    try {
      request = JSON.parse(requestBody) as RichApiRequest;
    } catch {
      return this.finish(
        { Results: [], Error: errorBody("InvalidArgument", ERROR_MESSAGES.InvalidArgument, "", -1, 400) },
        requestBytes,
        { Actions: [] },
      );
    }
    const kind = batchKind(request);
    if (requestBytes > this.payloadLimitBytes) {
      const code = "RequestPayloadSizeLimitExceeded";
      return this.finish(
        { Results: [], Error: errorBody(code, ERROR_MESSAGES[code], "", -1, 400) },
        requestBytes,
        request,
        kind,
      );
    }
    if (kind === "workbook") {
      const i = this.failures.findIndex((f) => !f.when || f.when(request));
      if (i >= 0) {
        const [f] = this.failures.splice(i, 1);
        const message = f!.message ?? ERROR_MESSAGES[f!.code as keyof typeof ERROR_MESSAGES] ?? f!.code;
        return this.finish(
          { Results: [], Error: errorBody(f!.code, message, "", -1, f!.httpStatusCode ?? 500) },
          requestBytes,
          request,
          kind,
        );
      }
    }
    const batch = new Batch(this, request);
    return this.finish(batch.run(), requestBytes, request, kind, batch);
  }

  private finish(
    response: RichApiResponse,
    requestBytes: number,
    request: RichApiRequest,
    kind: BatchKind = "workbook",
    batch?: Batch,
  ): string {
    const text = JSON.stringify(response);
    const actions = request.Actions ?? [];
    const record: BatchRecord = {
      seq: this.batches.length + 1,
      kind,
      requestBytes,
      responseBytes: utf8Length(text),
      commands: actions.filter((a) => a.ActionType !== ACTION.Instantiate).length,
      writes: batch?.writes ?? [],
      loads: batch?.loads ?? [],
      error: response.Error?.Code ?? null,
    };
    this.batches.push(record);
    this.onBatch?.(record);
    return text;
  }

  /** @internal */
  keepReference(h: Handle): string {
    const id = `sim-ref-${this.nextReference++}`;
    this.references.set(id, h);
    return id;
  }

  /** @internal */
  reference(id: string): Handle | undefined {
    return this.references.get(id);
  }

  /** @internal */
  removeReference(id: unknown): void {
    if (typeof id === "string") this.references.delete(id);
  }

  /** References still held (the client removes its own at the end of Excel.run). */
  get liveReferences(): number {
    return this.references.size;
  }

  /** @internal Throws ApiNotFound when `Class.member` needs more than the declared requirement sets. */
  requireMember(className: string, member: string, mode: "get" | "set" | "call"): void {
    const missing = missingRequirement(className, member, mode, this.declared);
    if (missing) {
      const { set, version, declared } = missing;
      throw new BatchError(
        "ApiNotFound",
        `${ERROR_MESSAGES.ApiNotFound} (${className}.${member} is part of ${set} ${version}; this host declares ${set} ${declared ?? "none"}.)`,
        `${className}.${member}`,
        404,
      );
    }
  }

  /** @internal Scalars of a class that a load without a select returns: those within the declared sets. */
  declaredScalars(className: string): string[] {
    return declaredScalars(className, this.declared);
  }

  private readonly declared: DeclaredSet = (set) => this.requirementSets[set];
}

function errorBody(
  code: string,
  message: string,
  location: string,
  actionIndex: number,
  httpStatusCode: number,
): RichApiError {
  return {
    Code: code,
    Message: message,
    Location: location,
    ActionIndex: actionIndex,
    HttpStatusCode: httpStatusCode,
  };
}

function batchKind(request: RichApiRequest): BatchKind {
  const actions = request.Actions ?? [];
  const paths = request.ObjectPaths ?? {};
  if (actions.length === 0) return "workbook";
  const onService = actions.every(
    (a) => paths[String(a.ObjectPathId)]?.ObjectPathType === OBJECT_PATH.NewObject,
  );
  if (onService) return "internal";
  if (actions.every((a) => a.Name === "_RemoveReference" || a.ActionType === ACTION.Instantiate)) {
    return actions.some((a) => a.Name === "_RemoveReference") ? "cleanup" : "workbook";
  }
  return "workbook";
}

/** One request: object paths resolved on demand (once each), actions run in order, stopping at a failure. */
class Batch {
  private readonly paths: Record<string, RichApiObjectPath>;
  private readonly resolved = new Map<number, Resolved>();
  /** Object paths whose object got a kept reference in this batch. */
  private readonly kept = new Map<number, string>();
  private readonly results: RichApiResponse["Results"] = [];
  readonly writes: string[] = [];
  readonly loads: string[] = [];

  constructor(
    private readonly host: RichApiHost,
    private readonly request: RichApiRequest,
  ) {
    this.paths = request.ObjectPaths ?? {};
  }

  run(): RichApiResponse {
    const actions = this.request.Actions ?? [];
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i]!;
      try {
        this.action(action);
      } catch (e) {
        const err = toBatchError(e);
        return {
          Results: this.results,
          Error: errorBody(err.code, err.message, err.location, i, err.httpStatusCode),
        };
      }
    }
    return { Results: this.results };
  }

  private action(a: RichApiAction): void {
    switch (a.ActionType) {
      case ACTION.Instantiate: {
        const r = this.resolve(a.ObjectPathId);
        this.results.push({ ActionId: a.Id, Value: r === null ? null : this.idValue(a.ObjectPathId, r) });
        return;
      }
      case ACTION.Query:
      case ACTION.QueryAsJson: {
        const r = this.resolve(a.ObjectPathId);
        if (r === null) {
          this.results.push({ ActionId: a.Id, Value: null });
          return;
        }
        if (r.kind !== "excel") throw notModelled(`${r.name}.load`);
        this.loads.push(r.h.t);
        const q = a.QueryInfo ?? {};
        const value = this.query(r.h, q.Select ?? [], q.Expand ?? [], q.Top, q.Skip);
        const ref = this.kept.get(a.ObjectPathId);
        if (ref) value._ReferenceId = ref;
        this.results.push({ ActionId: a.Id, Value: value });
        return;
      }
      case ACTION.Method:
        this.method(a);
        return;
      case ACTION.SetProperty: {
        const h = this.target(a.ObjectPathId, a.Name ?? "");
        const prop = lowerFirst(a.Name ?? "");
        this.host.requireMember(h.t, prop, "set");
        this.writes.push(`${h.t}.${prop}`);
        const value = this.args(a.ArgumentInfo)[0];
        this.host.excel.set(h, prop, value === undefined ? null : value);
        return;
      }
      case ACTION.Update: {
        const h = this.target(a.ObjectPathId, "set");
        this.update(h, a.ObjectState ?? {});
        return;
      }
      case ACTION.Trace:
        this.results.push({ ActionId: a.Id, Value: null });
        return;
      default:
        throw new BatchError(
          "InvalidArgument",
          ERROR_MESSAGES.InvalidArgument,
          `ActionType ${a.ActionType}`,
          400,
        );
    }
  }

  private method(a: RichApiAction): void {
    const name = a.Name ?? "";
    const r = this.resolve(a.ObjectPathId);
    if (name === "_KeepReference") {
      // office.js keeps a reference to every Range it creates (AutoKeepReference), null objects included.
      if (r !== null && r.kind === "excel") this.kept.set(a.ObjectPathId, this.host.keepReference(r.h));
      this.results.push({ ActionId: a.Id, Value: null });
      return;
    }
    if (name === "_RemoveReference") {
      this.host.removeReference(this.args(a.ArgumentInfo)[0]);
      this.results.push({ ActionId: a.Id, Value: null });
      return;
    }
    if (r !== null && r.kind === "service") {
      // AddinInternalService.NotifyActionHandlerReady and the like: office.js's own start-up calls.
      this.results.push({ ActionId: a.Id, Value: null });
      return;
    }
    const h = this.target(a.ObjectPathId, name);
    const method = lowerFirst(name);
    this.host.requireMember(h.t, method, "call");
    if (!method.startsWith("get")) this.writes.push(`${h.t}.${method}`);
    const out = this.host.excel.invoke(h, method, this.args(a.ArgumentInfo));
    // A method action returns a value (ClientResult) or nothing; object-returning methods are object paths.
    this.results.push({ ActionId: a.Id, Value: "value" in out ? (out.value ?? null) : null });
  }

  private update(h: Handle, state: Record<string, unknown>): void {
    const info = CLASSES[h.t];
    for (const [key, value] of Object.entries(state)) {
      const prop = lowerFirst(key);
      if (info?.navs?.[prop] && value && typeof value === "object" && !Array.isArray(value)) {
        this.host.requireMember(h.t, prop, "get");
        this.update(this.host.excel.navigate(h, prop), value as Record<string, unknown>);
      } else {
        this.host.requireMember(h.t, prop, "set");
        this.writes.push(`${h.t}.${prop}`);
        this.host.excel.set(h, prop, value);
      }
    }
  }

  /** The object an action acts on; a null object (…OrNullObject that found nothing) fails with ItemNotFound. */
  private target(pathId: number, member: string): Handle {
    const r = this.resolve(pathId);
    if (r === null) throw new BatchError("ItemNotFound", ERROR_MESSAGES.ItemNotFound, member, 404);
    if (r.kind !== "excel") throw notModelled(`${r.name}.${member}`);
    return r.h;
  }

  /** What an instantiation answers: the object's key (so the client can address it by id), or a reference. */
  private idValue(pathId: number, r: NonNullable<Resolved>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const ref = this.kept.get(pathId);
    if (ref) out._ReferenceId = ref;
    if (r.kind === "excel") {
      const key = keyOf(r.h);
      if (key !== null) out._Id = key;
    }
    return out;
  }

  private resolve(pathId: number): Resolved {
    if (this.resolved.has(pathId)) return this.resolved.get(pathId)!;
    const p = this.paths[String(pathId)];
    if (!p)
      throw new BatchError(
        "InvalidObjectPath",
        ERROR_MESSAGES.InvalidObjectPath,
        `ObjectPath ${pathId}`,
        400,
      );
    const r = this.resolvePath(p);
    this.resolved.set(pathId, r);
    return r;
  }

  private resolvePath(p: RichApiObjectPath): Resolved {
    const excel = this.host.excel;
    switch (p.ObjectPathType) {
      case OBJECT_PATH.GlobalObject:
        return { kind: "excel", h: excel.root() };
      case OBJECT_PATH.NewObject:
        return { kind: "service", name: p.Name ?? "" };
      case OBJECT_PATH.ReferenceId: {
        const h = this.host.reference(p.Name ?? "");
        if (!h)
          throw new BatchError("InvalidObjectPath", ERROR_MESSAGES.InvalidObjectPath, p.Name ?? "", 400);
        excel.check(h);
        return { kind: "excel", h };
      }
    }
    const parent = this.resolve(p.ParentObjectPathId ?? -1);
    const name = p.Name ?? "";
    if (parent === null) throw new BatchError("ItemNotFound", ERROR_MESSAGES.ItemNotFound, name, 404);
    if (parent.kind !== "excel") throw notModelled(`${parent.name}.${name}`);
    const h = parent.h;
    switch (p.ObjectPathType) {
      case OBJECT_PATH.Property: {
        const prop = lowerFirst(name);
        this.host.requireMember(h.t, prop, "get");
        return { kind: "excel", h: excel.navigate(h, prop) };
      }
      case OBJECT_PATH.Method: {
        const method = lowerFirst(name);
        this.host.requireMember(h.t, method, "call");
        // Methods that give an object and change the workbook (worksheets.add, settings.add ...) are paths.
        // Worksheet functions (workbook.functions.date ...) compute a value and change nothing.
        if (!method.startsWith("get") && h.t !== "Functions") this.writes.push(`${h.t}.${method}`);
        const out = excel.invoke(h, method, this.args(p.ArgumentInfo));
        if (!("object" in out)) throw notModelled(`${h.t}.${method}`);
        return out.object === null ? null : { kind: "excel", h: out.object };
      }
      case OBJECT_PATH.Indexer:
        return { kind: "excel", h: this.indexer(h, this.args(p.ArgumentInfo)[0]) };
      default:
        throw new BatchError(
          "InvalidObjectPath",
          ERROR_MESSAGES.InvalidObjectPath,
          `ObjectPathType ${p.ObjectPathType}`,
          400,
        );
    }
  }

  /** `collection[key]`: getItem by key, or by the id an earlier answer gave (charts are found by id too). */
  private indexer(h: Handle, key: unknown): Handle {
    const excel = this.host.excel;
    if (h.t === "ChartCollection" && typeof key === "string") {
      const byId = excel.items(h).find((c) => c.t === "Chart" && c.chartId === key);
      if (byId) return byId;
    }
    const out = excel.invoke(h, "getItem", [key]);
    if (!("object" in out) || out.object === null) {
      throw new BatchError("ItemNotFound", ERROR_MESSAGES.ItemNotFound, `${h.t}.getItem`, 404);
    }
    return out.object;
  }

  /** Arguments with object references replaced by the objects (Range arguments of setPrintTitleRows ...). */
  private args(info: RichApiAction["ArgumentInfo"]): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((arg, i) => {
      const ref = refs[i];
      if (typeof ref === "number" && ref > 0) {
        const r = this.resolve(ref);
        if (r === null || r.kind !== "excel") {
          throw new BatchError("InvalidArgument", ERROR_MESSAGES.InvalidArgument, "argument", 400);
        }
        return r.h;
      }
      return arg;
    });
  }

  /** The answer to a load: PascalCase scalars, nested navigation objects, `_Items` for collections. */
  private query(
    h: Handle,
    select: string[],
    expand: string[],
    top?: number,
    skip?: number,
  ): Record<string, unknown> {
    const className = h.t;
    const info = CLASSES[className];
    if (!info) throw notModelled(`${className}.load`);
    const excel = this.host.excel;
    const out: Record<string, unknown> = {};
    const own: string[] = [];
    const itemSelect: string[] = [];
    const itemExpand: string[] = [];
    const navs = new Map<string, { select: string[]; expand: string[] }>();
    const nav = (name: string) => {
      let n = navs.get(name);
      if (!n) navs.set(name, (n = { select: [], expand: [] }));
      return n;
    };
    const isOwn = (head: string) => info.scalars.includes(head) || !!info.navs?.[head];
    let wantItems = !!info.item && select.length === 0;

    for (const raw of select) {
      const [head = "", ...rest] = raw.split("/").map((s) => lowerFirst(s.trim()));
      if (info.item && (head === "items" || !isOwn(head))) {
        const sub = head === "items" ? rest : [head, ...rest];
        if (sub.length) itemSelect.push(sub.join("/"));
        wantItems = true;
        continue;
      }
      if (info.scalars.includes(head) && rest.length === 0) own.push(head);
      else if (info.navs?.[head]) {
        if (rest.length) nav(head).select.push(rest.join("/"));
        else nav(head);
      } else {
        throw new BatchError(
          "InvalidArgument",
          `${ERROR_MESSAGES.InvalidArgument} (${className} has no property '${raw}'.)`,
          `${className}.load`,
          400,
        );
      }
    }
    for (const raw of expand) {
      const [head = "", ...rest] = raw.split("/").map((s) => lowerFirst(s.trim()));
      if (info.item && (head === "items" || !isOwn(head))) {
        const sub = head === "items" ? rest : [head, ...rest];
        if (sub.length) itemExpand.push(sub.join("/"));
        wantItems = true;
      } else if (info.navs?.[head]) {
        if (rest.length) nav(head).expand.push(rest.join("/"));
        else nav(head);
      } else {
        throw new BatchError("InvalidArgument", ERROR_MESSAGES.InvalidArgument, `${className}.load`, 400);
      }
    }

    const scalars = select.length === 0 ? this.host.declaredScalars(className) : own;
    for (const s of scalars) {
      this.host.requireMember(className, s, "get");
      out[upperFirst(s)] = excel.get(h, s);
    }
    for (const [name, sub] of navs) {
      this.host.requireMember(className, name, "get");
      out[upperFirst(name)] = this.query(excel.navigate(h, name), sub.select, sub.expand);
    }
    if (wantItems) {
      let items = excel.items(h);
      if (skip) items = items.slice(skip);
      if (top !== undefined && top !== null) items = items.slice(0, top);
      out._Items = items.map((item, index) => {
        const data = this.query(item, itemSelect, itemExpand);
        const key = keyOf(item);
        if (key !== null) data._Id = key;
        else data._Index = (skip ?? 0) + index;
        return data;
      });
    }
    return out;
  }
}

function notModelled(location: string): BatchError {
  return new BatchError(
    "NotImplemented",
    `The simulated Excel host does not model ${location}; add it to tools/excel-sim/excel-model/host.ts.`,
    location,
    501,
  );
}

function toBatchError(e: unknown): BatchError {
  if (e instanceof BatchError) return e;
  if (e instanceof ExcelModelError)
    return new BatchError(e.code, e.message, e.location ?? "", e.httpStatusCode);
  const message = e instanceof Error ? e.message : String(e);
  return new BatchError("GeneralException", `${ERROR_MESSAGES.GeneralException} (${message})`, "", 500);
}
