/**
 * Runs in the page, before office.js: makes the page look like a task pane inside Excel on Windows by defining
 * `window.external` the way Excel's WebView2 host does (GetContext, Execute, RegisterEvent, UnregisterEvent).
 * office.js reads the host from `?_host_Info=Excel$Win32$16.01$...` and loads its Win32 runtime, which then
 * talks to this object. RichApi batches (dispId 93) go to the harness server, where the simulated host
 * (tools/excel-sim/host) answers them from the workbook model.
 *
 * Served as JavaScript: the harness transpiles this file with TypeScript (no imports allowed here) and puts
 * `window.__simHostConfig` in the page before it. `window.__simHost` lets a test act as Excel's ribbon.
 */

interface SimHostConfig {
  /** Base URL of the harness's host endpoints ("/__host"). */
  endpoint: string;
  /** GetSupportedMatrix: JSON text of requirement sets, e.g. {"ExcelApi":"1.9",...}. */
  supportedMatrix: string;
  /** GetOfficeThemeInfo: colours as 0xRRGGBB integers (office.js turns them into "#rrggbb"). */
  theme: Record<string, number>;
  locale: string;
  hostFullVersion: string;
  /** Office.context.document.settings as stored in the document (key → JSON text). */
  documentSettings: Record<string, string>;
}

interface AppCommandCompletion {
  appCommandId: string;
  /** What office.js sent with the completion: [id, status, data] (status 0 = success). */
  params: unknown;
}

interface SimHostApi {
  /** Batches sent to the host by this page, and their answers' error codes (null = success). */
  batches: { bytes: number; error: string | null }[];
  completions: AppCommandCompletion[];
  /** Events office.js registered for, by dispId (39 = AppCommandInvoked). */
  registeredEvents(): number[];
  /**
   * Acts as Excel when the ribbon button is clicked: fires AppCommandInvoked (dispId 39) for the function
   * named in the manifest; resolves when the add-in calls event.completed() (office.js reports it to the
   * host as dispId 94), or rejects after `timeoutMs`.
   */
  invokeCommand(functionName: string, timeoutMs?: number): Promise<AppCommandCompletion>;
  /**
   * Dialogs the page opened (Office.context.ui.displayDialogAsync registers for dispId 10, the dialog's
   * messages): the address each was opened at. The simulated host shows none; a test answers for the user.
   */
  dialogs(): { url: string; open: boolean }[];
  /** The open dialog sends a message to the page (messageParent), or the user closes it with its X (12006). */
  answerDialog(answer: { message: string } | "closed"): void;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- merges into the DOM's Window (a global script)
interface Window {
  __simHostConfig?: SimHostConfig;
  __simHost?: SimHostApi;
}

(function installSimulatedExcelHost() {
  const config = window.__simHostConfig;
  if (!config) throw new Error("simulated host: window.__simHostConfig is missing");

  const DISPID_RICHAPI = 93;
  const DISPID_APP_COMMAND_COMPLETED = 94;
  const DISPID_APP_COMMAND_INVOKED = 39;
  const OOE_INTERNAL_ERROR = 5001;

  type HostCallback = (result: unknown) => void;
  type EventHandler = (dispId: number, payload: unknown) => void;

  /** office.js reads host answers as COM SafeArrays: anything with toArray(). */
  const safeArray = (items: unknown[]) => ({ toArray: () => items });

  const handlers = new Map<number, EventHandler>();
  const waiting = new Map<string, (c: AppCommandCompletion) => void>();
  const completions: AppCommandCompletion[] = [];
  const batches: SimHostApi["batches"] = [];
  const documentSettings: Record<string, string> = { ...config.documentSettings };
  let commandCounter = 0;
  const DISPID_DIALOG_MESSAGE = 10;
  const DIALOG_CLOSED = 12006;
  const dialogs: { url: string; open: boolean; handler: EventHandler }[] = [];

  function post(path: string, body: string): Promise<string> {
    return fetch(`${config!.endpoint}${path}`, {
      method: "POST",
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      body,
    }).then((response) => {
      if (!response.ok) throw new Error(`simulated host: ${path} answered ${response.status}`);
      return response.text();
    });
  }

  /** The request body of a RichApi call: the string item of params[0] (item 4 in the observed layout). */
  function richApiBody(params: unknown): string | null {
    const first = Array.isArray(params) ? params[0] : null;
    const list = Array.isArray(first) ? first : Array.isArray(params) ? params : [];
    if (typeof list[4] === "string") return list[4];
    for (const item of list) if (typeof item === "string" && item.startsWith("{")) return item;
    return null;
  }

  function execute(dispId: number, params: unknown, callback: HostCallback): void {
    if (dispId === DISPID_RICHAPI) {
      const body = richApiBody(params);
      if (body === null) {
        callback(safeArray([OOE_INTERNAL_ERROR, null]));
        return;
      }
      post("/batch", body).then(
        (answer) => {
          let error: string | null = null;
          try {
            error = (JSON.parse(answer) as { Error?: { Code?: string } }).Error?.Code ?? null;
          } catch {
            error = "unreadable answer";
          }
          batches.push({ bytes: new TextEncoder().encode(body).length, error });
          callback(safeArray([0, [200, [], answer]]));
        },
        () => callback(safeArray([OOE_INTERNAL_ERROR, null])),
      );
      return;
    }
    if (dispId === DISPID_APP_COMMAND_COMPLETED) {
      const list = Array.isArray(params) ? params : [];
      const completion: AppCommandCompletion = { appCommandId: String(list[0]), params };
      completions.push(completion);
      waiting.get(completion.appCommandId)?.(completion);
      waiting.delete(completion.appCommandId);
      setTimeout(() => callback(safeArray([0, null])), 0);
      return;
    }
    setTimeout(() => callback(safeArray([0, null])), 0);
  }

  const context = {
    GetAppType: () => 1, // Excel
    GetSolutionRef: () => "programme-rag-simulated",
    GetAppVersionMajor: () => 16,
    GetAppVersionMinor: () => 1,
    GetAppUILocale: () => config.locale,
    GetAppDataLocale: () => config.locale,
    GetDocUrl: () => "",
    GetAppCapabilities: () => 0, // read-write
    GetActivationMode: () => 2, // document opened
    GetControlIntegrationLevel: () => 0,
    GetSolutionToken: () => "",
    GetCorrelationId: () => "00000000-0000-0000-0000-000000000000",
    GetInstanceId: () => "00000000-0000-0000-0000-000000000001",
    GetTouchEnabled: () => false,
    GetCommerceAllowed: () => false,
    GetSupportedMatrix: () => config.supportedMatrix,
    GetHostCustomMessage: () => "",
    GetHostFullVersion: () => config.hostFullVersion,
    GetDialogRequirementMatrix: () => "",
    GetInitialDisplayMode: () => 0,
    GetOfficeThemeInfo: () => JSON.stringify(config.theme),
    GetSettings: () => ({
      Read(keys: string[], values: string[]) {
        for (const [k, v] of Object.entries(documentSettings)) {
          keys.push(k);
          values.push(v);
        }
      },
      Write(keys: string[], values: string[]) {
        for (const k of Object.keys(documentSettings)) delete documentSettings[k];
        keys.forEach((k, i) => (documentSettings[k] = values[i]!));
        void post("/document-settings", JSON.stringify(documentSettings)).catch(() => undefined);
      },
    }),
  };

  const external = {
    GetContext: () => context,
    Execute: execute,
    RegisterEvent(dispId: number, targetId: unknown, handler: EventHandler, callback: HostCallback) {
      handlers.set(dispId, handler);
      if (dispId === DISPID_DIALOG_MESSAGE) {
        // office.js passes the dialog's arguments as JSON (the address among them).
        let url = "";
        try {
          const args = JSON.parse(String(targetId)) as Record<string, unknown>;
          url = String(Object.values(args).find((v) => typeof v === "string" && /^https?:/.test(v)) ?? "");
        } catch {
          url = String(targetId);
        }
        dialogs.push({ url, open: true, handler });
      }
      setTimeout(() => callback(0), 0);
    },
    UnregisterEvent(dispId: number, _targetId: unknown, callback: HostCallback) {
      handlers.delete(dispId);
      if (dispId === DISPID_DIALOG_MESSAGE) for (const d of dialogs) d.open = false;
      setTimeout(() => callback(0), 0);
    },
  };
  Object.defineProperty(window, "external", { value: external, configurable: true, writable: true });

  window.__simHost = {
    batches,
    completions,
    registeredEvents: () => [...handlers.keys()],
    dialogs: () => dialogs.map((d) => ({ url: d.url, open: d.open })),
    answerDialog(answer) {
      const d = [...dialogs].reverse().find((x) => x.open);
      if (!d) throw new Error("simulated host: no dialog is open");
      // [message type, message, origin]: 0 = DialogMessageReceived, 12006 = DialogClosed.
      if (answer === "closed") {
        d.open = false;
        d.handler(DISPID_DIALOG_MESSAGE, safeArray([DIALOG_CLOSED, "", ""]));
      } else {
        d.handler(DISPID_DIALOG_MESSAGE, safeArray([0, answer.message, window.location.origin]));
      }
    },
    invokeCommand(functionName: string, timeoutMs = 10_000) {
      const handler = handlers.get(DISPID_APP_COMMAND_INVOKED);
      if (!handler) {
        return Promise.reject(new Error("office.js has not registered for AppCommandInvoked (dispId 39)"));
      }
      const appCommandId = String(++commandCounter);
      const done = new Promise<AppCommandCompletion>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(appCommandId);
          reject(new Error(`${functionName}: event.completed() was not called within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(appCommandId, (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      const eventObject = { source: { id: `${functionName}Button`, name: `${functionName}Button` } };
      handler(
        DISPID_APP_COMMAND_INVOKED,
        safeArray([appCommandId, functionName, JSON.stringify(eventObject)]),
      );
      return done;
    },
  };
})();
