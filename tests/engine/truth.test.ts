/**
 * Figures the meeting must not be shown less than the truth of (a new user's review of the CLI): references on
 * two sheets, unreadable and merged money cells, and a Complete status the figures contradict.
 */
import { programmeSheet, run } from "./builders";

const item = {
  theme: "Fixing the basics",
  owner: "Head of ICT",
  spent: 1000,
  committed: 0,
  start: 43922, // 01/04/2020
  end: 44651, // 31/03/2022
  progress: 0.4,
  status: "On track",
};

describe("the same reference on two programme sheets", () => {
  test("is warned at the later row's reference, naming both sheets, rows and what is counted", () => {
    const a = run([
      programmeSheet(
        [
          { ...item, ref: "ICT-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
          { ...item, ref: "ICT-02", name: "Wi-Fi upgrade", budget: 45000, forecast: 45000 },
        ],
        { name: "Fixing the basics" },
      ),
      programmeSheet(
        [
          { ...item, ref: "ICT-03", name: "Online payments", budget: 60000, forecast: 60000 },
          { ...item, ref: "ict-01", name: "Laptop refresh", budget: 120000, forecast: 118000 },
        ],
        { name: "Customer first" },
      ),
    ]);
    const warned = a.issues.filter((i) => /is on "/.test(i.message));
    expect(warned.map((i) => [i.sheet, i.cell])).toEqual([["Customer first", "A5"]]);
    expect(warned[0]!.message).toContain('"Fixing the basics" (row 4)');
    expect(warned[0]!.message).toContain('"Customer first" (row 5)');
    expect(warned[0]!.message).toContain("£120,000 is counted twice");
    // What the warning says is counted: both rows.
    expect(a.items).toHaveLength(4);
    expect(a.totals.budget).toBe((120000 * 2 + 45000 + 60000) * 100);
  });

  test("different references on two sheets are not warned", () => {
    const a = run([
      programmeSheet([{ ...item, ref: "ICT-01", name: "Laptop refresh", budget: 1, forecast: 1 }], {
        name: "A",
      }),
      programmeSheet([{ ...item, ref: "ICT-02", name: "Laptop refresh", budget: 1, forecast: 1 }], {
        name: "B",
      }),
    ]);
    expect(a.issues.filter((i) => /is on "/.test(i.message))).toEqual([]);
  });
});
