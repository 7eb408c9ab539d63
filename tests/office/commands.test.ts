/**
 * The ribbon's "Refresh RAG" function command: registered under the manifest's name, refreshes through the
 * Office adapter with the saved settings, always tells the user what happened in a dialog (never only the
 * console), and always calls event.completed() once the dialog is closed, also when Excel refuses.
 */
import type { CommandNotice } from "../../src/commands/commands";
import { noticeUrl, runRefreshRag } from "../../src/commands/commands";
import { SETTINGS_KEY, settingsToJson } from "../../src/adapters/office/settings";
import { dayFromYmd } from "../../src/engine/dates";
import { DEFAULT_RULES } from "../../src/engine/rules";
import { pence } from "../../src/engine/money";
import { RAG_STYLE } from "../../src/engine/rag";
import { installFakeExcel } from "../../tools/excel-sim/excel-fake";
import { snapshotCells } from "../../tools/excel-sim/excel-model";
import { SAMPLE, modelOf } from "./support";

type Handler = (event: { completed: () => void }) => void;

/** Loads commands.ts as Office would (a fresh module), returning what it registered. */
async function loadCommands(): Promise<Map<string, Handler>> {
  const registered = new Map<string, Handler>();
  const office = (globalThis as unknown as { Office: Record<string, unknown> }).Office;
  office.actions = { associate: (name: string, f: Handler) => registered.set(name, f) };
  await jest.isolateModulesAsync(async () => {
    await import("../../src/commands/commands");
  });
  return registered;
}

function completion(): { event: { completed: jest.Mock }; done: Promise<void> } {
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolve = r));
  return { event: { completed: jest.fn(() => resolve()) }, done };
}

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  jest.restoreAllMocks();
});

interface OpenedDialog {
  url: URL;
  options: unknown;
  /** The user presses OK (the dialog sends "close"), or closes it with its X. */
  ok(): void;
  dismiss(): void;
  closed: boolean;
}

/** Office.context.ui.displayDialogAsync as Office gives it, recording each dialog opened. */
function installDialogs(options: { fail?: boolean } = {}): OpenedDialog[] {
  const opened: OpenedDialog[] = [];
  const g = globalThis as { location?: unknown };
  const hadLocation = "location" in g;
  g.location = { href: "https://addin.example/commands.html" };
  const previous = restore;
  restore = () => {
    if (!hadLocation) delete g.location;
    previous?.();
  };
  const office = (globalThis as unknown as { Office: Record<string, unknown> }).Office;
  office.AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  office.EventType = {
    DialogMessageReceived: "dialogMessageReceived",
    DialogEventReceived: "dialogEventReceived",
  };
  office.context = {
    ...(office.context as object),
    ui: {
      displayDialogAsync(url: string, opts: unknown, callback: (r: unknown) => void) {
        if (options.fail) {
          callback({ status: "failed", error: { code: 12007, message: "A dialog box is already opened" } });
          return;
        }
        const handlers = new Map<string, (arg: unknown) => void>();
        const dialog: OpenedDialog = {
          url: new URL(url),
          options: opts,
          closed: false,
          ok: () => handlers.get("dialogMessageReceived")?.({ message: "close" }),
          dismiss: () => handlers.get("dialogEventReceived")?.({ error: 12006 }),
        };
        opened.push(dialog);
        callback({
          status: "succeeded",
          value: {
            addEventHandler: (type: string, h: (arg: unknown) => void) => handlers.set(type, h),
            close: () => (dialog.closed = true),
          },
        });
      },
    },
  };
  return opened;
}

function noticeOf(d: OpenedDialog): CommandNotice {
  return {
    kind: d.url.searchParams.get("kind") as CommandNotice["kind"],
    title: d.url.searchParams.get("title") ?? "",
    text: d.url.searchParams.get("text") ?? "",
  };
}

const until = async (f: () => boolean) => {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
};

test("refreshRag is registered, writes the RAG columns, shows what it did and completes the event once OK is pressed", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, { requirementSet: "1.9" });
  restore = fake.restore;
  const dialogs = installDialogs();
  const handler = (await loadCommands()).get("refreshRag");
  expect(handler).toBeDefined();
  const { event, done } = completion();
  handler!(event);
  await until(() => dialogs.length > 0);
  // The dialog is open and the command waits for the user.
  expect(dialogs).toHaveLength(1);
  expect(event.completed).not.toHaveBeenCalled();
  const d = dialogs[0]!;
  expect(d.url.pathname).toMatch(/\/notice\.html$/);
  expect(d.options).toMatchObject({ displayInIframe: true });
  const notice = noticeOf(d);
  expect(notice.kind).toBe("success");
  expect(notice.title).toBe("RAG refreshed");
  expect(notice.text).toMatch(
    /^Refreshed the RAG of 30 items on "Programme of Works": \d+ cells changed \(each listed in the Change Log\)\. Programme RAG: (Red|Amber|Green)\. /,
  );
  // No settings in this workbook: it says which date it used and why.
  expect(notice.text).toMatch(/reporting date 30\/11\/\d{4} .*none is saved in the workbook yet/);
  d.ok();
  await done;
  expect(d.closed).toBe(true);
  expect(event.completed).toHaveBeenCalledTimes(1);
  // The RAG column (R) now carries the add-in's RAG words and fills.
  const rag = Object.values(snapshotCells(model)).filter(
    (c) => c.sheet === "Programme of Works" && /^R\d+$/.test(c.address) && c.address !== "R4",
  );
  const fills = new Set(Object.values(RAG_STYLE).map((s) => s.fill));
  expect(rag.filter((c) => fills.has(c.fill!))).toHaveLength(30);
  expect(model.findSheet("Change Log")).toBeDefined();
  expect(fake.stats.syncs).toBe(4);
});

test("it uses the reporting date saved in the workbook, and says so", async () => {
  const model = await modelOf(SAMPLE);
  model.setSetting(
    SETTINGS_KEY,
    settingsToJson({
      rules: DEFAULT_RULES,
      allocation: pence(1_200_000_00),
      reportingDate: dayFromYmd(2020, 12, 31),
    }),
  );
  const fake = installFakeExcel(model, { requirementSet: "1.9" });
  restore = fake.restore;
  const dialogs = installDialogs();
  const { event, done } = completion();
  const run = runRefreshRag(event);
  await until(() => dialogs.length > 0);
  expect(noticeOf(dialogs[0]!).text).toMatch(
    /Used the reporting date saved in the workbook, 31\/12\/2020 \(Q3 2020\/21\), with the rules and allocation saved in the workbook\.$/,
  );
  dialogs[0]!.dismiss(); // closed with the X: also the end of the command
  await done;
  await run;
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("when Excel refuses, the user is shown why in a dialog and the event is still completed", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, {
    requirementSet: "1.9",
    failAtSync: { at: 2, code: "AccessDenied" },
  });
  restore = fake.restore;
  const dialogs = installDialogs();
  const { event, done } = completion();
  (await loadCommands()).get("refreshRag")!(event);
  await until(() => dialogs.length > 0);
  const notice = noticeOf(dialogs[0]!);
  expect(notice).toMatchObject({ kind: "error", title: "Refresh RAG did not finish" });
  expect(notice.text).toMatch(
    /^Excel refused the change \(AccessDenied\): a sheet or the workbook's structure is protected/,
  );
  expect(notice.text).toMatch(/Nothing was changed in the workbook\.$/);
  dialogs[0]!.ok();
  await done;
  expect(event.completed).toHaveBeenCalledTimes(1);
});

test("runRefreshRag completes the event even if the adapter throws something unexpected, and says so", async () => {
  const event = { completed: jest.fn() };
  const shown: CommandNotice[] = [];
  await runRefreshRag(event, {
    operations: { refreshWithSavedSettings: () => Promise.reject(new Error("boom")) },
    notify: async (n) => void shown.push(n),
  });
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(shown).toEqual([{ kind: "error", title: "Refresh RAG did not finish", text: "boom" }]);
});

test("when no dialog can be opened, the message goes to the console as a last resort and the event completes", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, {
    requirementSet: "1.9",
    failAtSync: { at: 1, code: "AccessDenied" },
  });
  restore = fake.restore;
  installDialogs({ fail: true });
  const event = { completed: jest.fn() };
  const log = { info: jest.fn(), error: jest.fn() };
  await runRefreshRag(event, { log });
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(log.error).toHaveBeenCalledWith(
    expect.stringMatching(
      /^Refresh RAG: Refresh RAG did not finish\. Excel refused the change \(AccessDenied\).*Not shown to the user: the dialog did not open \(12007/,
    ),
  );
});

test("the notice travels in the dialog's address, next to the function file", () => {
  const url = new URL(
    noticeUrl(
      { kind: "error", title: "T & U", text: "a=b?c #d £1,000" },
      "https://addin.example/commands.html?x=1#y",
    ),
  );
  expect(url.origin + url.pathname).toBe("https://addin.example/notice.html");
  expect(url.searchParams.get("title")).toBe("T & U");
  expect(url.searchParams.get("text")).toBe("a=b?c #d £1,000");
  expect(url.hash).toBe("");
});
