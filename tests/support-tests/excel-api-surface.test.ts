/**
 * The API surface both front ends of the simulated Excel share (tools/excel-sim/excel-api/surface.ts): the
 * requirement gate and the load projection, checked here once and through each front end.
 */
import {
  declaredScalars,
  missingRequirement,
  versionAtLeast,
  wireName,
  jsName,
} from "../../tools/excel-sim/excel-api/surface";
import { RichApiHost } from "../../tools/excel-sim/host/richapi-host";
import { createFakeExcel } from "../../tools/excel-sim/excel-fake";
import { workbookModelFromGrid } from "../../tools/excel-sim/excel-model";

const sets =
  (table: Record<string, string>) =>
  (set: string): string | undefined =>
    table[set];

describe("the simulated Excel's shared API surface", () => {
  test("requirement-set versions compare as numbers, not text", () => {
    expect(versionAtLeast("1.10", "1.9")).toBe(true);
    expect(versionAtLeast("1.9", "1.10")).toBe(false);
    expect(versionAtLeast("1.9", "1.9")).toBe(true);
    expect(versionAtLeast("2", "1.14")).toBe(true);
  });

  test("the gate names what a member needs, with a setter's own version", () => {
    expect(missingRequirement("Worksheet", "horizontalPageBreaks", "get", sets({ ExcelApi: "1.8" }))).toEqual(
      {
        set: "ExcelApi",
        version: "1.9",
        declared: "1.8",
      },
    );
    expect(
      missingRequirement("Worksheet", "horizontalPageBreaks", "get", sets({ ExcelApi: "1.9" })),
    ).toBeNull();
    // Worksheet.visibility is read in 1.1 but set only from 1.2.
    expect(missingRequirement("Worksheet", "visibility", "get", sets({ ExcelApi: "1.1" }))).toBeNull();
    expect(missingRequirement("Worksheet", "visibility", "set", sets({ ExcelApi: "1.1" }))).toEqual({
      set: "ExcelApi",
      version: "1.2",
      declared: "1.1",
    });
    expect(missingRequirement("Worksheet", "horizontalPageBreaks", "get", sets({}))).toMatchObject({
      declared: undefined,
    });
  });

  test("a load without a select returns only the scalars within the declared sets", () => {
    const at11 = declaredScalars("Worksheet", sets({ ExcelApi: "1.1" }));
    const at19 = declaredScalars("Worksheet", sets({ ExcelApi: "1.9" }));
    expect(at19).toEqual(expect.arrayContaining(["name", "tabColor", "standardWidth"]));
    expect(at11).toContain("name");
    expect(at11).not.toContain("tabColor");
    expect(at19.length).toBeGreaterThan(at11.length);
  });

  test("names travel in PascalCase on the wire", () => {
    expect(wireName("getRange")).toBe("GetRange");
    expect(jsName("Values")).toBe("values");
  });

  test("both front ends refuse a member above the declared set with ApiNotFound", async () => {
    const fake = createFakeExcel(workbookModelFromGrid({ Sheet1: [["a"]] }), { requirementSet: "1.8" });
    await expect(
      fake.run(async (context) => {
        const workbook = context.workbook as unknown as Excel.Workbook;
        return workbook.worksheets.getItem("Sheet1").horizontalPageBreaks;
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    const host = new RichApiHost(workbookModelFromGrid({ Sheet1: [["a"]] }), {
      requirementSets: { ExcelApi: "1.8" },
    });
    expect(() => host.requireMember("Worksheet", "horizontalPageBreaks", "get")).toThrow(/ExcelApi 1\.9/);
    expect(host.declaredScalars("Worksheet")).toEqual(
      declaredScalars("Worksheet", sets({ ExcelApi: "1.8" })),
    );
  });
});
