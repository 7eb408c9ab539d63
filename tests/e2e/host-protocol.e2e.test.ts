/**
 * The simulated host at the protocol level, without a browser: requests shaped as office.js sends them
 * (recorded from the runtime in host.e2e.test.ts) and what Excel answers.
 */
import { workbookModelFromGrid } from "../../tools/excel-sim/excel-model/grid";
import type { RichApiRequest, RichApiResponse } from "../../tools/excel-sim/host/richapi-host";
import { RichApiHost } from "../../tools/excel-sim/host/richapi-host";

const ROOT = { ObjectPathType: 1, Name: "" };
const SHEETS = { ObjectPathType: 4, Name: "Worksheets", ParentObjectPathId: 1 };
const sheet = (name: string) => ({
  ObjectPathType: 5,
  ParentObjectPathId: 2,
  ArgumentInfo: { Arguments: [name] },
});
const method = (name: string, parent: number, args: unknown[] = []) => ({
  ObjectPathType: 3,
  Name: name,
  ParentObjectPathId: parent,
  ArgumentInfo: { Arguments: args },
});

function ask(host: RichApiHost, request: RichApiRequest): RichApiResponse {
  return JSON.parse(host.process(JSON.stringify(request))) as RichApiResponse;
}

function newHost(): RichApiHost {
  return new RichApiHost(
    workbookModelFromGrid({
      Sheet1: [
        ["a", 1],
        ["b", 2],
      ],
      Notes: [["x"]],
    }),
  );
}

test("a member above the declared requirement set is refused by the host too (ApiNotFound)", () => {
  const answer = ask(newHost(), {
    Actions: [
      { Id: 2, ActionType: 1, ObjectPathId: 4 },
      { Id: 3, ActionType: 2, ObjectPathId: 5, QueryInfo: { Select: ["address"] } },
    ],
    ObjectPaths: {
      1: ROOT,
      2: SHEETS,
      3: sheet("Sheet1"),
      4: method("GetRange", 3, ["A1"]),
      // Range.getMergedAreasOrNullObject: ExcelApi 1.13.
      5: method("GetMergedAreasOrNullObject", 4),
    },
  });
  expect(answer.Results).toEqual([{ ActionId: 2, Value: {} }]);
  expect(answer.Error).toMatchObject({ Code: "ApiNotFound", ActionIndex: 1, HttpStatusCode: 404 });
  expect(answer.Error?.Message).toContain("ExcelApi 1.13");
});

test("with ExcelApi 1.13 declared the same member gets past the requirement check", () => {
  const host = new RichApiHost(workbookModelFromGrid({ Sheet1: [["a"]] }), {
    requirementSets: { ExcelApi: "1.13" },
  });
  const answer = ask(host, {
    Actions: [{ Id: 2, ActionType: 1, ObjectPathId: 5 }],
    ObjectPaths: {
      1: ROOT,
      2: SHEETS,
      3: sheet("Sheet1"),
      4: method("GetRange", 3, ["A1"]),
      5: method("GetMergedAreasOrNullObject", 4),
    },
  });
  // Modelled (tests/support-tests/excel-fake-merges.test.ts): answered, no error.
  expect(answer.Error).toBeUndefined();
  expect(JSON.parse(host.supportedMatrix())).toMatchObject({ ExcelApi: "1.13" });
});

test("errors carry Excel's code, message, location and the index of the failing action", () => {
  const host = newHost();
  const answer = ask(host, {
    Actions: [
      { Id: 2, ActionType: 4, Name: "Values", ObjectPathId: 4, ArgumentInfo: { Arguments: [[["new"]]] } },
      { Id: 3, ActionType: 1, ObjectPathId: 5 },
      { Id: 4, ActionType: 4, Name: "Values", ObjectPathId: 6, ArgumentInfo: { Arguments: [[["never"]]] } },
    ],
    ObjectPaths: {
      1: ROOT,
      2: SHEETS,
      3: sheet("Sheet1"),
      4: method("GetRange", 3, ["A1"]),
      5: sheet("Missing"),
      6: method("GetRange", 3, ["B1"]),
    },
  });
  expect(answer.Error).toEqual({
    Code: "ItemNotFound",
    Message: "The requested resource doesn't exist.",
    Location: "WorksheetCollection.getItem",
    ActionIndex: 1,
    HttpStatusCode: 404,
  });
  // Excel applies what came before the failure and nothing after it.
  const s1 = host.model.findSheet("Sheet1")!;
  expect(
    host.excel.get({ t: "Range", sheetId: s1.id, rect: { row: 0, col: 0, rows: 1, cols: 2 } }, "values"),
  ).toEqual([["new", 1]]);
});

test("a kept reference addresses the same range in a later request until it is removed", () => {
  const host = newHost();
  const first = ask(host, {
    AutoKeepReference: true,
    Actions: [
      { Id: 2, ActionType: 1, ObjectPathId: 4 },
      { Id: 3, ActionType: 3, Name: "_KeepReference", ObjectPathId: 4, ArgumentInfo: { Arguments: [] } },
      { Id: 4, ActionType: 1, ObjectPathId: 4 },
    ],
    ObjectPaths: { 1: ROOT, 2: SHEETS, 3: sheet("Sheet1"), 4: method("GetRange", 3, ["A2:B2"]) },
  });
  const ref = (first.Results[2]!.Value as { _ReferenceId: string })._ReferenceId;
  expect(ref).toEqual(expect.any(String));
  const second = ask(host, {
    Actions: [{ Id: 2, ActionType: 2, ObjectPathId: 9, QueryInfo: { Select: ["values", "address"] } }],
    ObjectPaths: { 9: { ObjectPathType: 6, Name: ref } },
  });
  expect(second.Results[0]!.Value).toEqual({ Values: [["b", 2]], Address: "Sheet1!A2:B2" });
  ask(host, {
    Actions: [
      { Id: 2, ActionType: 3, Name: "_RemoveReference", ObjectPathId: 1, ArgumentInfo: { Arguments: [ref] } },
    ],
    ObjectPaths: { 1: ROOT },
  });
  expect(host.liveReferences).toBe(0);
  expect(host.batches.map((b) => b.kind)).toEqual(["workbook", "workbook", "cleanup"]);
  const gone = ask(host, {
    Actions: [{ Id: 2, ActionType: 2, ObjectPathId: 9, QueryInfo: { Select: ["values"] } }],
    ObjectPaths: { 9: { ObjectPathType: 6, Name: ref } },
  });
  expect(gone.Error).toMatchObject({ Code: "InvalidObjectPath" });
});

test("collections answer _Items with each item's key; Top and Skip page them", () => {
  const answer = ask(newHost(), {
    Actions: [
      { Id: 2, ActionType: 2, ObjectPathId: 2, QueryInfo: { Select: ["name", "position"], Skip: 1, Top: 1 } },
    ],
    ObjectPaths: { 1: ROOT, 2: SHEETS },
  });
  expect(answer.Results[0]!.Value).toEqual({
    _Items: [{ Name: "Notes", Position: 1, _Id: expect.any(String) }],
  });
});

test("a request over the 5 MB limit is refused whole; the batch is counted with its size", () => {
  const host = newHost();
  const big = "x".repeat(5_000_001);
  const answer = ask(host, {
    Actions: [
      { Id: 2, ActionType: 4, Name: "Values", ObjectPathId: 4, ArgumentInfo: { Arguments: [[[big]]] } },
    ],
    ObjectPaths: { 1: ROOT, 2: SHEETS, 3: sheet("Notes"), 4: method("GetRange", 3, ["A1"]) },
  });
  expect(answer).toEqual({
    Results: [],
    Error: {
      Code: "RequestPayloadSizeLimitExceeded",
      Message: "The request payload size has exceeded the limit.",
      Location: "",
      ActionIndex: -1,
      HttpStatusCode: 400,
    },
  });
  expect(host.batches[0]!.requestBytes).toBeGreaterThan(5_000_000);
  const notes = host.model.findSheet("Notes")!;
  expect(
    host.excel.get({ t: "Range", sheetId: notes.id, rect: { row: 0, col: 0, rows: 1, cols: 1 } }, "values"),
  ).toEqual([["x"]]);
});

test("an injected failure answers the next matching batch instead of Excel, once", () => {
  const host = newHost();
  host.injectFailure({ code: "GeneralException", message: "Excel is busy" });
  const request: RichApiRequest = {
    Actions: [{ Id: 2, ActionType: 2, ObjectPathId: 2, QueryInfo: { Select: ["name"] } }],
    ObjectPaths: { 1: ROOT, 2: SHEETS },
  };
  expect(ask(host, request).Error).toMatchObject({ Code: "GeneralException", Message: "Excel is busy" });
  expect(ask(host, request).Error).toBeUndefined();
});
