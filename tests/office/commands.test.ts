/**
 * The ribbon's "Refresh RAG" function command: registered under the manifest's name, refreshes through the
 * Office adapter, and always calls event.completed(), also when Excel refuses.
 */
import { runRefreshRag } from "../../src/commands/commands";
import { RAG_STYLE } from "../../src/engine/rag";
import { installFakeExcel } from "../support/excel-fake";
import { snapshotCells } from "../support/excel-model";
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

test("refreshRag is registered, writes the RAG columns and completes the event", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, { requirementSet: "1.9" });
  restore = fake.restore;
  jest.spyOn(console, "info").mockImplementation(() => undefined);
  const handler = (await loadCommands()).get("refreshRag");
  expect(handler).toBeDefined();
  const { event, done } = completion();
  handler!(event);
  await done;
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

test("when Excel refuses, the event is still completed and the message logged", async () => {
  const model = await modelOf(SAMPLE);
  const fake = installFakeExcel(model, {
    requirementSet: "1.9",
    failAtSync: { at: 2, code: "AccessDenied" },
  });
  restore = fake.restore;
  const errors: string[] = [];
  jest.spyOn(console, "error").mockImplementation((m: string) => errors.push(m));
  const { event, done } = completion();
  (await loadCommands()).get("refreshRag")!(event);
  await done;
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(errors.join("\n")).toMatch(/Refresh RAG failed: Excel refused the change \(AccessDenied\)/);
});

test("runRefreshRag completes the event even if the adapter throws something unexpected", async () => {
  const event = { completed: jest.fn() };
  const log = { info: jest.fn(), error: jest.fn() };
  await runRefreshRag(event, { refreshWithSavedSettings: () => Promise.reject(new Error("boom")) }, log);
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(log.error).toHaveBeenCalledWith("Refresh RAG failed: boom");
  expect(log.info).not.toHaveBeenCalled();
});
