/** @jest-environment jsdom */
/**
 * The entry point: it renders once Office is ready, picks the theme from Office's, creates the Excel
 * operations only inside Excel, and turns a failure to create them into a message. Office.js is a stand-in
 * global here; the Office adapter is replaced by the fixture's stand-in operations.
 */
import { screen } from "@testing-library/react";
import { standIn } from "./programme-fixture";

jest.setTimeout(30_000);

type OnReady = (info: { host: string | null; platform: string | null }) => void;

function fakeOffice(host: string | null, isDarkTheme: boolean) {
  return {
    HostType: { Excel: "Excel", Word: "Word" },
    context: { officeTheme: { isDarkTheme } },
    onReady: (callback: OnReady) => {
      callback({ host, platform: host === null ? null : "PC" });
      return Promise.resolve({ host, platform: null });
    },
  };
}

async function start(office: ReturnType<typeof fakeOffice> | undefined, create: () => unknown) {
  document.body.innerHTML = '<div id="container"><p id="loading">Loading Programme RAG…</p></div>';
  (globalThis as Record<string, unknown>).Office = office;
  const createOfficeOperations = jest.fn(create);
  // A fresh module registry per start, so index.tsx runs again; act must come from that registry's react-dom.
  jest.resetModules();
  jest.doMock("../../src/adapters/office/operations", () => ({ createOfficeOperations }));
  const { act } = await import("react");
  await act(async () => {
    await import("../../src/taskpane/index");
  });
  return { createOfficeOperations };
}

/** The background colour token the FluentProvider's theme sets (#ffffff light, #292929 dark). */
function providerBackground(): string {
  const provider = document.querySelector(".fui-FluentProvider")!;
  return getComputedStyle(provider).getPropertyValue("--colorNeutralBackground1").trim().toLowerCase();
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  // Each start renders a new React root from a fresh module registry; clear the page and the theme's style tags.
  document.body.innerHTML = "";
  document.head.innerHTML = "";
});

test("in Excel it renders the pane with Excel's operations, in the dark theme when Office's is dark", async () => {
  const s = standIn();
  const { createOfficeOperations } = await start(fakeOffice("Excel", true), () => s.operations);
  expect(await screen.findByRole("heading", { name: "Programme sheets (1)" })).toBeInTheDocument();
  expect(createOfficeOperations).toHaveBeenCalledTimes(1);
  expect(s.scan).toHaveBeenCalledTimes(1);
  expect(screen.queryByText("Open this in Excel")).not.toBeInTheDocument();
  expect(screen.queryByText(/Loading Programme RAG/)).not.toBeInTheDocument();
  expect(providerBackground()).toBe("#292929");
});

test("in a light Office theme it uses the light theme", async () => {
  await start(fakeOffice("Excel", false), () => standIn().operations);
  await screen.findByRole("heading", { name: "Programme sheets (1)" });
  expect(providerBackground()).toBe("#ffffff");
});

test("outside Office (host null) it asks for Excel and creates no operations", async () => {
  const { createOfficeOperations } = await start(fakeOffice(null, false), () => standIn().operations);
  expect(screen.getByText("Open this in Excel")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Refresh RAG columns" })).not.toBeInTheDocument();
  expect(createOfficeOperations).not.toHaveBeenCalled();
});

test("when office.js did not load at all it still shows the message", async () => {
  await start(undefined, () => standIn().operations);
  expect(screen.getByText("Open this in Excel")).toBeInTheDocument();
});

test("when the Excel operations cannot be created the pane says so instead of crashing", async () => {
  await start(fakeOffice("Excel", false), () => {
    throw new Error("This version of Excel does not support the ExcelApi 1.7 requirement set.");
  });
  const notice = screen.getByRole("group", { name: "The pane could not start" });
  expect(notice).toHaveTextContent(
    "This version of Excel does not support the ExcelApi 1.7 requirement set.",
  );
  expect(screen.queryByRole("button", { name: "Refresh RAG columns" })).not.toBeInTheDocument();
});
