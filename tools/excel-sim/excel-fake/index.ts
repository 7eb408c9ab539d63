import { versionAtLeast } from "../excel-api/surface";
import { EXCEL_ENUMS } from "../excel-model/excel-api.generated";
import { ExcelHost } from "../excel-model/host";
import type { WorkbookModel } from "../excel-model/workbook";
import type { FakeEngine, FakeExcelOptions, FakeStats } from "./client";
import { FakeClientObject, FakeClientResult, FakeRequestContext } from "./client";
import { CLIENT_MESSAGES, FakeOfficeError } from "./errors";

/**
 * The jest front door of the fake Excel: an `Excel`-like namespace over a WorkbookModel.
 *
 *   const model = workbookModelFromGrid({ Sheet1: [["a", 1]] });
 *   const fake = createFakeExcel(model, { requirementSet: "1.9" });
 *   await fake.Excel.run(async (context) => { ... });     // or fake.install() to set the globals
 *   expect(fake.stats.syncs).toBe(2);
 *
 * `fake.Excel` can be cast to `typeof Excel` at the boundary (`fake.Excel as unknown as typeof Excel`).
 */

export type { FakeExcelOptions, FakeStats } from "./client";
export { FakeClientObject, FakeClientResult, FakeRequestContext } from "./client";
export { FakeOfficeError } from "./errors";

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export interface FakeExcel {
  /** The `Excel` namespace: run, enums (ChartType, ...), ErrorCodes, RequestContext. */
  Excel: Record<string, unknown> & { run<T>(batch: Batch<T>): Promise<T> };
  /** The `OfficeExtension` namespace: Error (instanceof works), ErrorCodes, ClientResult. */
  OfficeExtension: Record<string, unknown>;
  /** The bits of `Office` an add-in asks: context.requirements.isSetSupported, onReady, HostType. */
  Office: Record<string, unknown>;
  /** Excel.run bound to this fake. */
  run<T>(batch: Batch<T>): Promise<T>;
  /** A request context outside Excel.run (sync it yourself). */
  newContext(): FakeRequestContext;
  model: WorkbookModel;
  stats: FakeStats;
  /** Sets globalThis.Excel / Office / OfficeExtension; returns a function restoring the previous values. */
  install(): () => void;
}

export function createFakeExcel(model: WorkbookModel, options: FakeExcelOptions = {}): FakeExcel {
  const engine: FakeEngine = {
    model,
    host: new ExcelHost(model),
    options: { requirementSet: "1.9", payloadLimitBytes: 5_000_000, lenientReads: false, ...options },
    stats: { syncs: 0, requestBytes: [], responseBytes: [], commands: [] },
  };

  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = (typeof args[0] === "function" ? args[0] : args[1]) as Batch<T>;
    const context = new FakeRequestContext(engine);
    const ret = batch(context) as unknown;
    if (!ret || typeof (ret as Promise<T>).then !== "function") {
      throw new FakeOfficeError({
        code: "RunMustReturnPromise",
        httpStatusCode: 400,
        message: CLIENT_MESSAGES.RunMustReturnPromise,
      });
    }
    const result = await (ret as Promise<T>);
    // Excel.run ends with a request of its own, which carries any commands still queued.
    if (context.hasPendingCommands) await context.sync();
    return result;
  }

  const isSetSupported = (name: string, version?: string): boolean => {
    const declared = name === "ExcelApi" ? engine.options.requirementSet : engine.options.otherSets?.[name];
    return !!declared && versionAtLeast(declared, version ?? "1.1");
  };

  const Excel: FakeExcel["Excel"] = {
    ...Object.fromEntries(Object.entries(EXCEL_ENUMS).map(([k, v]) => [k, { ...v }])),
    run,
    RequestContext: FakeRequestContext,
  };
  const OfficeExtension = {
    Error: FakeOfficeError,
    ClientResult: FakeClientResult,
    ClientObject: FakeClientObject,
    ErrorCodes: {
      apiNotFound: "ApiNotFound",
      generalException: "GeneralException",
      invalidArgument: "InvalidArgument",
      itemNotFound: "ItemNotFound",
      propertyNotLoaded: "PropertyNotLoaded",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      valueNotLoaded: "ValueNotLoaded",
    },
  };
  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    onReady: async () => ({ host: "Excel", platform: "PC" }),
    context: { requirements: { isSetSupported }, host: "Excel", platform: "PC" },
  };

  const fake: FakeExcel = {
    Excel,
    OfficeExtension,
    Office,
    run: (batch) => run(batch),
    newContext: () => new FakeRequestContext(engine),
    model,
    stats: engine.stats,
    install() {
      const g = globalThis as Record<string, unknown>;
      const previous = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
      g.Excel = Excel;
      g.Office = Office;
      g.OfficeExtension = OfficeExtension;
      return () => {
        for (const [k, v] of Object.entries(previous)) {
          if (v === undefined) delete g[k];
          else g[k] = v;
        }
      };
    },
  };
  return fake;
}

/** createFakeExcel + install: for a test file's beforeEach; call the returned `restore` in afterEach. */
export function installFakeExcel(
  model: WorkbookModel,
  options: FakeExcelOptions = {},
): FakeExcel & { restore: () => void } {
  const fake = createFakeExcel(model, options);
  const restore = fake.install();
  return { ...fake, restore };
}
