/** Command-line arguments, checked before any file is touched. */
export interface CliArgs {
  input: string;
  date: string | null;
  /** "month" or "quarter": a monthly or a quarterly report (null: by the reporting date). */
  period: "month" | "quarter" | null;
  allocation: string | null;
  config: string | null;
  /** The programme's name, start and end (YYYY-MM-DD or dd/mm/yyyy), over rules.json's. */
  name: string | null;
  start: string | null;
  end: string | null;
  json: boolean;
  out: string | null;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: programme-rag <workbook.xlsx|.csv> [options]

Reads the programme-of-works sheets of a workbook, computes RAG status and budget variance against the
allocation, prints a summary, and optionally writes a copy of the workbook with the RAG columns filled and a
highlight report.

Options:
  --date YYYY-MM-DD      reporting date, also as dd/mm/yyyy (default: the last day of the previous month, as
                         in the add-in: a month that has ended)
  --period month|quarter a monthly or a quarterly report: what the trend compares with (last month, or the
                         end of the previous quarter) and what the report's title says (default: quarterly
                         when the date falls in June, September, December or March, monthly otherwise)
  --allocation POUNDS    programme allocation, e.g. 1200000 or "£1.2m" (default: £1,200,000)
  --config rules.json    thresholds for the RAG rules and the programme's details (see docs/RULES.md)
  --name TEXT            the programme's name in the report (default: ICT Strategy 2020-22)
  --start YYYY-MM-DD     the programme period's first day, also as dd/mm/yyyy (default: 2020-04-01)
  --end YYYY-MM-DD       the programme period's last day, also as dd/mm/yyyy (default: 2022-03-31)
  --json                 print the analysis as JSON on standard output
  --out result.xlsx      write a copy of the workbook with RAG columns and a highlight report
                         (the input file is never modified)
  -h, --help             show this help
  --version              show the version

Settings the add-in saved in the workbook (reporting date, rules, allocation, programme's name and period) are
used where no option (or --config) gives them; the summary says which came from the workbook.

Exit codes: 0 done (even with warnings), 1 no programme sheet could be read or the file cannot be opened,
2 usage error.`;

export type ParseResult = { ok: true; args: CliArgs } | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): ParseResult {
  const args: CliArgs = {
    input: "",
    date: null,
    period: null,
    allocation: null,
    config: null,
    name: null,
    start: null,
    end: null,
    json: false,
    out: null,
    help: false,
    version: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : null;
    const value = (): string | null => {
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) return null;
      i++;
      return next;
    };
    switch (flag) {
      case "-h":
      case "--help":
        args.help = true;
        break;
      case "--version":
        args.version = true;
        break;
      case "--json":
        args.json = true;
        break;
      case "--period": {
        const v = value();
        if (v === null || v === "") return { ok: false, message: `${flag} needs a value: month or quarter` };
        const p = v.trim().toLowerCase();
        if (p !== "month" && p !== "quarter")
          return { ok: false, message: `--period ${v}: expected month or quarter` };
        args.period = p;
        break;
      }
      case "--date":
      case "--allocation":
      case "--config":
      case "--name":
      case "--start":
      case "--end":
      case "--out": {
        const v = value();
        if (v === null || v === "") return { ok: false, message: `${flag} needs a value` };
        if (flag === "--date") args.date = v;
        else if (flag === "--allocation") args.allocation = v;
        else if (flag === "--config") args.config = v;
        else if (flag === "--name") args.name = v;
        else if (flag === "--start") args.start = v;
        else if (flag === "--end") args.end = v;
        else args.out = v;
        break;
      }
      default:
        if (a.startsWith("-") && a !== "-") return { ok: false, message: `unknown option ${a}` };
        positional.push(a);
    }
  }
  if (args.help || args.version) return { ok: true, args };
  if (positional.length === 0) return { ok: false, message: "no workbook given" };
  if (positional.length > 1)
    return { ok: false, message: `one workbook at a time (got ${positional.join(", ")})` };
  args.input = positional[0]!;
  return { ok: true, args };
}
