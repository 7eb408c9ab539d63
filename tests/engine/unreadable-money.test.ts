/**
 * An unreadable money cell (text, an Excel error) is said as such, naming the cell, never as if it were blank:
 * "no forecast" is for a blank forecast only (R3-13).
 */
import { excelSerialFromDay } from "../../src/engine/dates";
import { day, runItem } from "../engine/builders";

const serial = (iso: string) => excelSerialFromDay(day(iso));
const base = {
  budget: 100_000,
  spent: 20_000,
  start: serial("2020-04-01"),
  end: serial("2021-09-30"),
  progress: 0.6,
  likelihood: 1,
  impact: 1,
};
const budgetReason = (item: { reasons: { dimension: string; text: string }[] }) =>
  item.reasons.find((r) => r.dimension === "budget")?.text;

describe("an unreadable forecast is named, not taken for a blank one", () => {
  test("text in the forecast cell: the reason names the cell and what it holds", () => {
    const { item } = runItem({ ...base, forecast: "TBC" });
    expect(item.rag.budget).toBe("Not assessed");
    expect(budgetReason(item)).toBe(
      `Not assessed: the forecast in 'Programme of Works'!H4 could not be read: "TBC"`,
    );
  });

  test("an Excel error in the forecast cell is named too", () => {
    const { item } = runItem({ ...base, forecast: "#REF!" });
    expect(budgetReason(item)).toBe(
      "Not assessed: the forecast in 'Programme of Works'!H4 could not be read: #REF!",
    );
  });

  test("over budget on spend plus commitments: the forecast used is said to stand in for the unreadable cell", () => {
    const { item } = runItem({ ...base, spent: 130_000, forecast: "TBC" });
    expect(item.rag.budget).toBe("Red");
    expect(budgetReason(item)).toBe(
      "Red: forecast £130,000 (forecast in 'Programme of Works'!H4 could not be read (\"TBC\"); spend plus commitments used)" +
        " is £30,000 (30.0%) over budget; the limit is £5,000",
    );
  });

  test("a blank forecast still says no forecast", () => {
    const { item } = runItem({ ...base });
    expect(budgetReason(item)).toBe("Not assessed: no forecast");
  });
});

describe("an unreadable budget or spend is named too", () => {
  test("text in the budget cell: the budget reason names the cell, not 'no budget'", () => {
    const { item } = runItem({ ...base, budget: "TBC", forecast: 90_000 });
    expect(budgetReason(item)).toBe(
      `Not assessed: the budget in 'Programme of Works'!E4 ("TBC") could not be read, so its money is in no total`,
    );
  });

  test("the overall reason names each unreadable cell with what it held", () => {
    const { item } = runItem({ ...base, spent: "#VALUE!" });
    expect(item.reasons.find((r) => r.dimension === "overall")?.text).toBe(
      "Not assessed: the spend in 'Programme of Works'!F4 (#VALUE!) could not be read, so the budget cannot be rated (the rest would be Green)",
    );
  });
});
