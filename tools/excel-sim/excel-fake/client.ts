import { ERROR_MESSAGES, ExcelModelError } from "../excel-model/errors";
import type { ApiTag } from "../excel-model/excel-api.generated";
import { EXCEL_API_MEMBERS } from "../excel-model/excel-api.generated";
import type { Handle } from "../excel-model/host";
import type { ExcelHost } from "../excel-model/host";
import type { WorkbookModel } from "../excel-model/workbook";
import { CLIENT_MESSAGES, FakeOfficeError, apiNotFound, fakeStrict, fill, propertyNotLoaded } from "./errors";
import type { DeclaredSet } from "../excel-api/surface";
import {
  ACTION,
  CLASSES,
  OBJECT_PATH,
  declaredScalars,
  memberTag,
  tagDeclared,
  wireName,
} from "../excel-api/surface";

/**
 * The client half of the fake: proxy objects whose property sets, method calls and loads queue until
 * `context.sync()`, which serialises the batch (to measure it as Excel on the web would), runs it in order
 * against the workbook model through ExcelHost, and stops at the first failing command (commands before it stay
 * applied, later ones do not run; results of loads before it are delivered — as Microsoft's client processes
 * the partial Results of a failed request).
 */

export interface FakeExcelOptions {
  /** Declared ExcelApi requirement set; members above it throw ApiNotFound when touched. Default "1.9". */
  requirementSet?: string;
  /** Other requirement sets the host declares, e.g. { ExcelApiOnline: "1.1" }. Default none. */
  otherSets?: Record<string, string>;
  /** Request (and response) size limit in bytes; Excel on the web refuses requests over 5 MB. Default 5,000,000. */
  payloadLimitBytes?: number;
  /** Make the Nth sync (1-based, counted over the fake's life) never settle, to test time-outs. */
  hangAtSync?: number | ((syncNumber: number) => boolean);
  /** Make the Nth sync reject before anything is applied (a host failure). */
  failAtSync?: { at: number; code?: string; message?: string };
  /**
   * Read like Microsoft's client instead of strictly: a property set on a proxy reads back the value set
   * (unloaded), and properties of a null object read as undefined. Default false: both throw (see README).
   */
  lenientReads?: boolean;
}

export interface FakeStats {
  /** Syncs sent (including Excel.run's final sync of pending commands). */
  syncs: number;
  /** UTF-8 bytes of each sync's request body, in order. */
  requestBytes: number[];
  /** UTF-8 bytes of each sync's response body, in order. */
  responseBytes: number[];
  /** Commands (set/call/load, not instantiations) per sync. */
  commands: number[];
}

type Step =
  | { kind: "root" }
  | { kind: "nav"; name: string }
  | { kind: "method"; name: string; args: unknown[] }
  | { kind: "item"; handle: Handle };

interface ObjState {
  ctx: FakeRequestContext;
  className: string;
  parent: FakeClientObject | null;
  step: Step;
  id: number;
  pinned: Handle | null;
  resolvedInBatch: number;
  batchHandle: Handle | null;
  loaded: Map<string, unknown>;
  localSets: Map<string, unknown>;
  isNull: boolean | undefined;
  navCache: Map<string, FakeClientObject>;
  items: FakeClientObject[] | undefined;
}

const STATE = Symbol("fakeExcelState");

type Op =
  | { kind: "instantiate"; obj: FakeClientObject }
  | { kind: "set"; obj: FakeClientObject; prop: string; value: unknown }
  | {
      kind: "call";
      obj: FakeClientObject;
      method: string;
      args: unknown[];
      result: FakeClientResult<unknown> | null;
    }
  | { kind: "load"; obj: FakeClientObject; paths: string[] };

export class FakeClientResult<T> {
  private loaded = false;
  private v: T | undefined;
  get value(): T {
    if (!this.loaded) {
      throw new FakeOfficeError({
        code: "ValueNotLoaded",
        httpStatusCode: 400,
        message: CLIENT_MESSAGES.ValueNotLoaded,
      });
    }
    return this.v as T;
  }
  /** @internal */
  _set(v: T): void {
    this.v = v;
    this.loaded = true;
  }
}

export class FakeClientObject {
  [STATE]!: ObjState;

  get context(): FakeRequestContext {
    return this[STATE].ctx;
  }

  get isNullObject(): boolean {
    const st = this[STATE];
    if (st.isNull === undefined) throw propertyNotLoaded("", "isNullObject");
    return st.isNull;
  }

  load(spec?: string | string[] | { select?: string | string[]; expand?: string | string[] }): this {
    const st = this[STATE];
    const paths = parseLoad(spec);
    for (const p of paths) checkLoadPath(st.ctx, st.className, p);
    st.ctx._enqueue({ kind: "load", obj: this, paths });
    return this;
  }

  set(properties: Record<string, unknown>): void {
    const st = this[STATE];
    const info = CLASSES[st.className]!;
    for (const [key, value] of Object.entries(properties)) {
      if (info.scalars.includes(key) && !info.readonly?.includes(key)) {
        (this as unknown as Record<string, unknown>)[key] = value;
      } else if (info.navs?.[key] && typeof value === "object" && value !== null) {
        (this as unknown as Record<string, FakeClientObject>)[key]!.set(value as Record<string, unknown>);
      } else {
        throw new FakeOfficeError({
          code: "InvalidArgument",
          httpStatusCode: 400,
          message: fill(CLIENT_MESSAGES.InvalidArgument, "properties"),
          debugInfo: { errorLocation: `${st.className}.set` },
        });
      }
    }
  }

  toJSON(): Record<string, unknown> {
    const st = this[STATE];
    const out: Record<string, unknown> = {};
    for (const [k, v] of st.loaded) out[k] = v;
    for (const [k, child] of st.navCache) {
      const j = child.toJSON();
      if (Object.keys(j).length) out[k] = j;
    }
    if (st.items) out.items = st.items.map((i) => i.toJSON());
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

function parseLoad(spec: unknown): string[] {
  const list = (x: unknown): string[] =>
    x === undefined || x === null
      ? []
      : (Array.isArray(x) ? x : String(x).split(","))
          .map((s) => String(s).trim())
          .filter((s) => s.length > 0);
  if (spec === undefined || spec === null) return [];
  if (typeof spec === "string" || Array.isArray(spec)) return list(spec);
  const o = spec as { select?: unknown; expand?: unknown };
  return [...list(o.select), ...list(o.expand)];
}

/** Strict choice (Microsoft's client sends unknown names and lets the host fail): unknown paths throw here. */
function checkLoadPath(ctx: FakeRequestContext, className: string, path: string): void {
  const parts = path.split("/");
  let cls = className;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    let ci = CLASSES[cls]!;
    if (ci.item) {
      if (part === "items") {
        cls = ci.item;
        if (last) return;
        continue;
      }
      if (!ci.scalars.includes(part) && !ci.navs?.[part]) {
        cls = ci.item;
        ci = CLASSES[cls]!;
      }
    }
    if (ci.scalars.includes(part)) {
      ctx._requireMember(cls, part, "get");
      if (last) return;
      break;
    }
    const nav = ci.navs?.[part];
    if (!nav) break;
    ctx._requireMember(cls, part, "get");
    cls = nav;
    if (last) return;
  }
  throw new FakeOfficeError({
    code: "InvalidArgument",
    httpStatusCode: 400,
    message: fill(CLIENT_MESSAGES.InvalidArgument, path),
    debugInfo: { errorLocation: `${className}.load` },
  });
}

const protos = new Map<string, object>();

function prototypeFor(className: string): object {
  const existing = protos.get(className);
  if (existing) return existing;
  const info = CLASSES[className];
  if (!info) throw new Error(`fake Excel: unknown class ${className}`);
  const proto = Object.create(FakeClientObject.prototype) as object;
  const define = (name: string, desc: PropertyDescriptor) =>
    Object.defineProperty(proto, name, { configurable: true, enumerable: false, ...desc });

  // Every documented member of the class first: touching one the fake does not implement throws.
  for (const [name, tag] of Object.entries(EXCEL_API_MEMBERS[className] ?? {})) {
    define(name, {
      get(this: FakeClientObject) {
        this[STATE].ctx._requireTag(`${className}.${name}`, tag);
        throw fakeStrict(
          "NotImplemented",
          `The fake Excel does not implement ${className}.${name}; add it to tools/excel-sim/excel-fake before using it.`,
          `${className}.${name}`,
        );
      },
    });
  }

  for (const name of info.scalars) {
    const readonly = info.readonly?.includes(name);
    define(name, {
      get(this: FakeClientObject) {
        const st = this[STATE];
        st.ctx._requireMember(className, name, "get");
        if (st.loaded.has(name)) return st.loaded.get(name);
        if (st.isNull === true) {
          if (st.ctx.options.lenientReads) return undefined;
          // Strict choice: Microsoft's client returns undefined here; the fake refuses so adapters test
          // isNullObject first (the office-addins/test-for-null-using-isNullObject rule).
          throw fakeStrict(
            "NullObjectRead",
            `The fake Excel refuses to read '${name}' of a null object; check isNullObject first (Excel would give undefined).`,
            `${className}.${name}`,
          );
        }
        if (st.ctx.options.lenientReads && st.localSets.has(name)) return st.localSets.get(name);
        throw propertyNotLoaded(className, name);
      },
      set: readonly
        ? undefined
        : function (this: FakeClientObject, value: unknown) {
            const st = this[STATE];
            st.ctx._requireMember(className, name, "set");
            st.loaded.delete(name);
            st.localSets.set(name, value);
            st.ctx._enqueue({ kind: "set", obj: this, prop: name, value });
          },
    });
  }

  for (const [name, type] of Object.entries(info.navs ?? {})) {
    define(name, {
      get(this: FakeClientObject) {
        const st = this[STATE];
        st.ctx._requireMember(className, name, "get");
        let child = st.navCache.get(name);
        if (!child) {
          child = st.ctx._create(type, this, { kind: "nav", name });
          st.navCache.set(name, child);
        }
        return child;
      },
    });
  }

  for (const [name, ret] of Object.entries(info.methods ?? {})) {
    define(name, {
      value(this: FakeClientObject, ...args: unknown[]) {
        const st = this[STATE];
        st.ctx._requireMember(className, name, "call");
        st.ctx._checkArgs(args, `${className}.${name}`);
        if (ret.kind === "object") return st.ctx._create(ret.type, this, { kind: "method", name, args });
        const result = ret.kind === "result" ? new FakeClientResult<unknown>() : null;
        st.ctx._enqueue({ kind: "call", obj: this, method: name, args, result });
        return result ?? undefined;
      },
    });
  }

  if (info.item) {
    define("items", {
      get(this: FakeClientObject) {
        const st = this[STATE];
        if (!st.items) throw propertyNotLoaded(className, "items");
        return st.items;
      },
    });
  }
  protos.set(className, proto);
  return proto;
}

export interface FakeEngine {
  model: WorkbookModel;
  host: ExcelHost;
  options: Required<Pick<FakeExcelOptions, "requirementSet" | "payloadLimitBytes" | "lenientReads">> &
    FakeExcelOptions;
  stats: FakeStats;
}

export class FakeRequestContext {
  readonly workbook: FakeClientObject;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: Op[] = [];
  private nextId = 1;
  private batch = 0;
  private processing = false;

  constructor(private readonly engine: FakeEngine) {
    this.workbook = this._create("Workbook", null, { kind: "root" });
    this.workbook[STATE].pinned = { t: "Workbook" };
  }

  get options(): FakeEngine["options"] {
    return this.engine.options;
  }

  get hasPendingCommands(): boolean {
    return this.queue.some((op) => op.kind !== "instantiate");
  }

  /** @internal */
  _create(className: string, parent: FakeClientObject | null, step: Step): FakeClientObject {
    const obj = Object.create(prototypeFor(className)) as FakeClientObject;
    obj[STATE] = {
      ctx: this,
      className,
      parent,
      step,
      id: this.nextId++,
      pinned: step.kind === "item" ? step.handle : null,
      resolvedInBatch: -1,
      batchHandle: null,
      loaded: new Map(),
      localSets: new Map(),
      isNull: step.kind === "item" ? false : undefined,
      navCache: new Map(),
      items: undefined,
    };
    if (step.kind !== "root" && step.kind !== "item" && !this.processing) {
      this.queue.push({ kind: "instantiate", obj });
    }
    return obj;
  }

  /** @internal */
  _enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** @internal */
  _requireMember(className: string, name: string, mode: "get" | "set" | "call"): void {
    const tag = memberTag(className, name, mode);
    if (tag) this._requireTag(`${className}.${name}`, tag);
  }

  /** @internal */
  _requireTag(member: string, tag: ApiTag): void {
    if (!tagDeclared(tag, this.declared)) throw apiNotFound(member, tag.set, tag.version);
  }

  /** The requirement sets this fake declares: ExcelApi at `requirementSet`, others from `otherSets`. */
  private readonly declared: DeclaredSet = (set) =>
    set === "ExcelApi" ? this.options.requirementSet : this.options.otherSets?.[set];

  /** @internal Objects from another request context cannot be passed (Microsoft's client refuses them). */
  _checkArgs(args: unknown[], location: string): void {
    for (const a of args) {
      if (a instanceof FakeClientObject && a[STATE].ctx !== this) {
        throw new FakeOfficeError({
          code: "InvalidRequestContext",
          httpStatusCode: 400,
          message: CLIENT_MESSAGES.InvalidRequestContext,
          debugInfo: { errorLocation: location },
        });
      }
    }
  }

  async sync(): Promise<void> {
    const { stats, options, host } = this.engine;
    const ops = this.queue;
    this.queue = [];
    stats.syncs++;
    const n = stats.syncs;
    this.batch++;
    const body = this.serialize(ops);
    const requestBytes = utf8Length(body);
    stats.requestBytes.push(requestBytes);
    stats.commands.push(ops.filter((o) => o.kind !== "instantiate").length);
    await Promise.resolve();
    const hang = options.hangAtSync;
    if (hang !== undefined && (typeof hang === "function" ? hang(n) : hang === n)) {
      stats.responseBytes.push(0);
      return new Promise<void>(() => undefined);
    }
    if (options.failAtSync && options.failAtSync.at === n) {
      stats.responseBytes.push(0);
      const code = options.failAtSync.code ?? "GeneralException";
      throw new FakeOfficeError({
        code,
        httpStatusCode: 500,
        message: options.failAtSync.message ?? ERROR_MESSAGES.GeneralException,
      });
    }
    if (requestBytes > options.payloadLimitBytes) {
      stats.responseBytes.push(0);
      throw new FakeOfficeError({
        code: "RequestPayloadSizeLimitExceeded",
        httpStatusCode: 400,
        message: ERROR_MESSAGES.RequestPayloadSizeLimitExceeded,
      });
    }

    const appliers: (() => void)[] = [];
    const results: unknown[] = [];
    let failure: FakeOfficeError | null = null;
    for (const op of ops) {
      try {
        this.execute(op, host, appliers, results);
      } catch (e) {
        if (!(e instanceof ExcelModelError)) throw e;
        failure = new FakeOfficeError({
          code: e.code,
          httpStatusCode: e.httpStatusCode,
          message: e.message,
          debugInfo: { errorLocation: e.location, statement: statementOf(op) },
        });
        break;
      }
    }
    const responseBytes = utf8Length({ Results: results });
    stats.responseBytes.push(responseBytes);
    if (!failure && responseBytes > options.payloadLimitBytes) {
      failure = new FakeOfficeError({
        code: "ResponsePayloadSizeLimitExceeded",
        httpStatusCode: 400,
        message: ERROR_MESSAGES.ResponsePayloadSizeLimitExceeded,
      });
      appliers.length = 0;
    }
    this.processing = true;
    try {
      for (const apply of appliers) apply();
    } finally {
      this.processing = false;
    }
    if (failure) throw failure;
  }

  private handleOf(obj: FakeClientObject): Handle | null {
    const st = obj[STATE];
    if (st.resolvedInBatch === this.batch) return st.batchHandle;
    let h: Handle | null;
    if (st.pinned) {
      this.engine.host.check(st.pinned);
      h = st.pinned;
    } else {
      h = this.resolvePath(obj);
    }
    st.resolvedInBatch = this.batch;
    st.batchHandle = h;
    if (h) st.pinned = h;
    const isNull = h === null;
    this.afterSync(() => (st.isNull = isNull));
    return h;
  }

  private pendingAppliers: (() => void)[] | null = null;
  private afterSync(fn: () => void): void {
    this.pendingAppliers?.push(fn);
  }

  private resolvePath(obj: FakeClientObject): Handle | null {
    const st = obj[STATE];
    const host = this.engine.host;
    const step = st.step;
    if (step.kind === "root") return host.root();
    if (step.kind === "item") return step.handle;
    const parent = this.handleOf(st.parent!);
    const where = `${st.parent![STATE].className}.${step.name}`;
    if (!parent) throw new ExcelModelError("ItemNotFound", undefined, where);
    if (step.kind === "nav") return host.navigate(parent, step.name);
    const r = host.invoke(parent, step.name, this.args(step.args));
    if (!("object" in r)) throw new ExcelModelError("GeneralException", undefined, where);
    return r.object;
  }

  private args(args: unknown[]): unknown[] {
    return args.map((a) => {
      if (a instanceof FakeClientObject) {
        const h = this.handleOf(a);
        if (!h) throw new ExcelModelError("ItemNotFound", undefined, a[STATE].className);
        return h;
      }
      return a === undefined ? undefined : (JSON.parse(JSON.stringify(a)) as unknown);
    });
  }

  private execute(op: Op, host: ExcelHost, appliers: (() => void)[], results: unknown[]): void {
    this.pendingAppliers = appliers;
    const st = op.obj[STATE];
    const where = (m: string) => `${st.className}.${m}`;
    switch (op.kind) {
      case "instantiate":
        this.handleOf(op.obj);
        return;
      case "set": {
        const h = this.handleOf(op.obj);
        if (!h) throw new ExcelModelError("ItemNotFound", undefined, where(op.prop));
        // The value travels as JSON, as Microsoft's client sends it (undefined in arrays becomes null).
        const value = op.value === undefined ? null : (JSON.parse(JSON.stringify(op.value)) as unknown);
        host.set(h, op.prop, value);
        return;
      }
      case "call": {
        const h = this.handleOf(op.obj);
        if (!h) throw new ExcelModelError("ItemNotFound", undefined, where(op.method));
        const r = host.invoke(h, op.method, this.args(op.args));
        const value = "value" in r ? r.value : null;
        results.push(value);
        const res = op.result;
        if (res) appliers.push(() => res._set(value));
        return;
      }
      case "load": {
        const h = this.handleOf(op.obj);
        if (!h) {
          results.push(null);
          return;
        }
        const data = this.loadData(st.className, h, op.paths);
        results.push(data);
        appliers.push(() => this.applyLoad(op.obj, data));
        return;
      }
    }
  }

  /** Reads what a load asks for: { scalar: value, nav: {...}, items: [...] }. */
  private loadData(className: string, h: Handle, paths: string[]): LoadData {
    const info = CLASSES[className]!;
    const host = this.engine.host;
    const out: LoadData = { scalars: {}, navs: {}, items: null };
    const own: string[] = [];
    const itemPaths: string[] = [];
    const list = paths.length ? paths : [...this.allScalars(className), ...(info.item ? ["items"] : [])];
    for (const p of list) {
      const [head, ...rest] = p.split("/");
      if (info.item && (head === "items" || (!info.scalars.includes(head!) && !info.navs?.[head!]))) {
        itemPaths.push(head === "items" ? rest.join("/") : p);
      } else own.push(p);
    }
    const navPaths = new Map<string, string[]>();
    for (const p of own) {
      const [head, ...rest] = p.split("/");
      if (info.scalars.includes(head!)) out.scalars[head!] = host.get(h, head!);
      else {
        const list2 = navPaths.get(head!) ?? [];
        if (rest.length) list2.push(rest.join("/"));
        navPaths.set(head!, list2);
      }
    }
    for (const [nav, sub] of navPaths) {
      const type = info.navs![nav]!;
      out.navs[nav] = { type, data: this.loadData(type, host.navigate(h, nav), sub) };
    }
    if (info.item && (itemPaths.length || paths.length === 0)) {
      const sub = itemPaths.filter((p) => p !== "");
      out.items = host.items(h).map((ih) => ({ handle: ih, data: this.loadData(info.item!, ih, sub) }));
    }
    return out;
  }

  private allScalars(className: string): string[] {
    return declaredScalars(className, this.declared);
  }

  private applyLoad(obj: FakeClientObject, data: LoadData): void {
    const st = obj[STATE];
    for (const [k, v] of Object.entries(data.scalars)) {
      st.loaded.set(k, v);
      st.localSets.delete(k);
    }
    for (const [nav, { data: sub }] of Object.entries(data.navs)) {
      let child = st.navCache.get(nav);
      if (!child) {
        child = this._create(CLASSES[st.className]!.navs![nav]!, obj, { kind: "nav", name: nav });
        st.navCache.set(nav, child);
      }
      child[STATE].isNull = false;
      this.applyLoad(child, sub);
    }
    if (data.items) {
      const itemClass = CLASSES[st.className]!.item!;
      st.items = data.items.map(({ handle, data: d }) => {
        const item = this._create(itemClass, obj, { kind: "item", handle });
        this.applyLoad(item, d);
        return item;
      });
    }
  }

  /** A RichApi-shaped request body, to measure what Excel on the web would receive. */
  private serialize(ops: Op[]): unknown {
    const paths: Record<string, unknown> = {};
    const addPath = (obj: FakeClientObject): number => {
      const st = obj[STATE];
      if (paths[st.id]) return st.id;
      const parentId = st.parent ? addPath(st.parent) : undefined;
      const s = st.step;
      const info: Record<string, unknown> = { ObjectPathType: OBJECT_PATH.GlobalObject, Name: "" };
      if (s.kind === "nav")
        Object.assign(info, {
          ObjectPathType: OBJECT_PATH.Property,
          Name: wireName(s.name),
          ParentObjectPathId: parentId,
        });
      if (s.kind === "method") {
        Object.assign(info, {
          ObjectPathType: OBJECT_PATH.Method,
          Name: wireName(s.name),
          ParentObjectPathId: parentId,
          ArgumentInfo: argumentInfo(s.args, addPath),
        });
      }
      if (s.kind === "item")
        Object.assign(info, { ObjectPathType: OBJECT_PATH.ReferenceId, Name: JSON.stringify(s.handle) });
      paths[st.id] = info;
      return st.id;
    };
    let id = 0;
    const actions = ops.map((op) => {
      const base = { Id: ++id, ObjectPathId: addPath(op.obj) };
      switch (op.kind) {
        case "instantiate":
          return { ...base, ActionType: ACTION.Instantiate };
        case "set":
          return {
            ...base,
            ActionType: ACTION.SetProperty,
            Name: wireName(op.prop),
            ArgumentInfo: { Arguments: [op.value ?? null] },
          };
        case "call":
          return {
            ...base,
            ActionType: ACTION.Method,
            Name: wireName(op.method),
            ArgumentInfo: argumentInfo(op.args, addPath),
          };
        case "load":
          return { ...base, ActionType: ACTION.Query, QueryInfo: { Select: op.paths } };
      }
    });
    return { AutoKeepReference: true, Actions: actions, ObjectPaths: paths };
  }
}

interface LoadData {
  scalars: Record<string, unknown>;
  navs: Record<string, { type: string; data: LoadData }>;
  items: { handle: Handle; data: LoadData }[] | null;
}

function argumentInfo(args: unknown[], addPath: (o: FakeClientObject) => number): unknown {
  const refs: number[] = [];
  const values = args.map((a) => {
    if (a instanceof FakeClientObject) {
      refs.push(addPath(a));
      return null;
    }
    return a === undefined ? null : a;
  });
  return refs.length ? { Arguments: values, ReferencedObjectPathIds: refs } : { Arguments: values };
}

function utf8Length(body: unknown): number {
  return new TextEncoder().encode(JSON.stringify(body)).length;
}

function pathText(obj: FakeClientObject): string {
  const st = obj[STATE];
  const s = st.step;
  if (s.kind === "root") return "context.workbook";
  const parent = st.parent ? pathText(st.parent) : "";
  if (s.kind === "nav") return `${parent}.${s.name}`;
  if (s.kind === "item") return `${parent}.items[…]`;
  const args = s.args.map((a) =>
    a instanceof FakeClientObject ? pathText(a) : (JSON.stringify(a) ?? "undefined"),
  );
  return `${parent}.${s.name}(${args.join(", ")})`;
}

function statementOf(op: Op): string {
  const target = pathText(op.obj);
  switch (op.kind) {
    case "instantiate":
      return `${target};`;
    case "set":
      return `${target}.${op.prop} = ...;`;
    case "call":
      return `${target}.${op.method}(...);`;
    case "load":
      return `${target}.load(${JSON.stringify(op.paths.join(","))});`;
  }
}

export function objectClassName(obj: FakeClientObject): string {
  return obj[STATE].className;
}
