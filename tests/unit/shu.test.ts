import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeShu, defaultShuLines, linesAreComplete, type ShuLineInput } from "~/modules/shu/compute";
import { savingsSchema, shuInputsSchema } from "~/modules/shu/forms";
import { readSavingsCsv } from "~/modules/shu/savings-csv";

// The usual split a first year opens with: 25 % reserve, 40 % jasa usaha, 20 % jasa modal, 15 % funds (5 + 5 + 2,5 + 2,5).
const statutes = defaultShuLines;

describe("SHU computed by hand", () => {
  it("splits Rp 10.000.000 by the statutes and shares the pools by sales and by savings", () => {
    const report = computeShu(10_000_000, statutes, [
      { memberId: "a", sales: 1_000_000, savings: 1_000_000 },
      { memberId: "b", sales: 2_000_000, savings: 1_000_000 },
      { memberId: "c", sales: 0, savings: 1_000_000 },
      { memberId: "d", sales: 0, savings: 0 },
    ]);
    // 25 % reserve, 40 % jasa usaha, 20 % jasa modal, 15 % funds (5 + 5 + 2,5 + 2,5).
    expect(report.lines.map((line) => [line.role, line.basisPoints])).toEqual([["fund", 2500], ["jasa_usaha", 4000], ["jasa_modal", 2000], ["fund", 500], ["fund", 500], ["fund", 250], ["fund", 250]]);
    expect(report.lines.map((line) => line.amount)).toEqual([2_500_000, 4_000_000, 2_000_000, 500_000, 500_000, 250_000, 250_000]);
    expect(report.jasaUsahaPool).toBe(4_000_000);
    expect(report.jasaModalPool).toBe(2_000_000);
    // Jasa usaha: 4.000.000 × 1/3 = 1.333.333,33 and × 2/3 = 2.666.666,67: the rupiah left over goes to the larger remainder (b).
    // Jasa modal: 2.000.000 / 3 = 666.666,67 each: two rupiah left, to the first two of the equal remainders (a, b).
    expect(report.members.map((member) => [member.memberId, member.jasaUsaha, member.jasaModal, member.total])).toEqual([
      ["a", 1_333_333, 666_667, 2_000_000],
      ["b", 2_666_667, 666_667, 3_333_334],
      ["c", 0, 666_666, 666_666],
      ["d", 0, 0, 0],
    ]);
    expect(report.totals).toEqual({ sales: 3_000_000, savings: 3_000_000, jasaUsaha: 4_000_000, jasaModal: 2_000_000, total: 6_000_000 });
    expect(report.undistributed).toEqual({ jasaUsaha: 0, jasaModal: 0 });
  });

  it("rounds the lines by largest remainder so they add up to an odd surplus", () => {
    const report = computeShu(1_000_001, [
      { role: "jasa_usaha", name: "", basisPoints: 3333 },
      { role: "jasa_modal", name: "", basisPoints: 3333 },
      { role: "fund", name: "Dana cadangan", basisPoints: 3334 },
    ], []);
    // 333.300,33 + 333.300,33 + 333.400,33: one rupiah left, to the largest remainder (the reserve's ,3334).
    expect(report.lines.map((line) => line.amount)).toEqual([333_300, 333_300, 333_401]);
  });

  it("leaves a pool undistributed, with a note, when nobody sold or saved", () => {
    const report = computeShu(10_000_000, statutes, [
      { memberId: "a", sales: 0, savings: 500_000 },
      { memberId: "b", sales: -20_000, savings: 0 },
    ]);
    expect(report.undistributed).toEqual({ jasaUsaha: 4_000_000, jasaModal: 0 });
    expect(report.members.map((member) => [member.sales, member.jasaUsaha, member.jasaModal])).toEqual([
      [0, 0, 2_000_000],
      [0, 0, 0],
    ]);
  });

  it("refuses lines that do not add up to 100 % or lack a pool", () => {
    expect(linesAreComplete(statutes)).toBe(true);
    expect(linesAreComplete(statutes.slice(1))).toBe(false);
    expect(linesAreComplete(statutes.map((line) => (line.role === "jasa_modal" ? { ...line, role: "fund" as const } : line)))).toBe(false);
    expect(() => computeShu(1000, statutes.slice(1), [])).toThrow(RangeError);
  });
});

describe("SHU adds up exactly", () => {
  const lines = fc
    .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
    .map((weights) => {
      // Any split into 2 + n basis-point lines that sums to 10 000.
      const parts = [...weights, 1, 1];
      const sum = parts.reduce((total, part) => total + part, 0);
      const bps = parts.map((part) => Math.floor((part * 10_000) / sum));
      bps[0]! += 10_000 - bps.reduce((total, bp) => total + bp, 0);
      return bps.map((basisPoints, index): ShuLineInput => ({ role: index === 0 ? "jasa_usaha" : index === 1 ? "jasa_modal" : "fund", name: `Dana ${index}`, basisPoints }));
    });
  const members = fc.array(
    fc.record({ memberId: fc.uuid(), sales: fc.integer({ min: -1_000_000, max: 2_000_000_000 }), savings: fc.integer({ min: 0, max: 500_000_000 }) }),
    { maxLength: 60 },
  );

  it("lines add up to the surplus, members' parts to their pools (or the pool is kept whole)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000_000 }), lines, members, (surplus, split, people) => {
        const report = computeShu(surplus, split, people);
        expect(report.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(surplus);
        expect(report.totals.jasaUsaha + report.undistributed.jasaUsaha).toBe(report.jasaUsahaPool);
        expect(report.totals.jasaModal + report.undistributed.jasaModal).toBe(report.jasaModalPool);
        expect(report.totals.total).toBe(report.totals.jasaUsaha + report.totals.jasaModal);
        for (const member of report.members) {
          expect(Number.isSafeInteger(member.jasaUsaha) && member.jasaUsaha >= 0).toBe(true);
          expect(member.total).toBe(member.jasaUsaha + member.jasaModal);
          if (member.sales === 0) expect(member.jasaUsaha).toBe(0);
          if (member.savings === 0) expect(member.jasaModal).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("SHU forms", () => {
  const form = (fields: Record<string, string>) => shuInputsSchema.safeParse({ surplus: "10.000.000", jasaUsahaPercent: "40", jasaModalPercent: "20", ...fields });

  it("reads the surplus, the pools and named funds in basis points", () => {
    const parsed = form({ fundName0: "Dana cadangan", fundPercent0: "25", fundName1: "Dana pendidikan", fundPercent1: "7,5", fundName2: "Dana sosial", fundPercent2: "7.5" });
    expect(parsed.success && parsed.data).toEqual({
      surplus: 10_000_000,
      lines: [
        { role: "jasa_usaha", name: "", basisPoints: 4000 },
        { role: "jasa_modal", name: "", basisPoints: 2000 },
        { role: "fund", name: "Dana cadangan", basisPoints: 2500 },
        { role: "fund", name: "Dana pendidikan", basisPoints: 750 },
        { role: "fund", name: "Dana sosial", basisPoints: 750 },
      ],
    });
  });

  it("names the field at fault: a total off 100 %, a fund without a name, a bad percent or amount", () => {
    const issues = (fields: Record<string, string>) => {
      const parsed = form(fields);
      return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path[0], issue.message]);
    };
    expect(issues({ fundName0: "Dana cadangan", fundPercent0: "30" })).toEqual([["total", "shu.error.total"]]);
    expect(issues({ fundPercent0: "40" })).toEqual([["fundName0", "shu.error.fundName"]]);
    expect(issues({ fundName0: "Dana cadangan", fundPercent0: "40,125" })).toEqual([["fundPercent0", "shu.error.percent"]]);
    expect(issues({ surplus: "10.000.000,50", fundName0: "Cadangan", fundPercent0: "40" })).toEqual([["surplus", "shu.error.surplus"]]);
    expect(issues({ surplus: "-5", fundName0: "Cadangan", fundPercent0: "40" })).toEqual([["surplus", "shu.error.surplus"]]);
    expect(savingsSchema.safeParse({ memberNumber: "AGT-0001", pokok: "100.000", wajib: "abc" }).success).toBe(false);
  });
});

describe("savings CSV", () => {
  it("reads English or Indonesian headers, commas or semicolons, amounts as people write them", () => {
    expect(readSavingsCsv("\ufeffmember_number,pokok,wajib\nAGT-0001,100000,\"1.200.000\"\nagt-0002,0,Rp 50.000\n")).toEqual({
      ok: true,
      rows: [
        { memberNumber: "AGT-0001", pokok: 100_000, wajib: 1_200_000, line: 2 },
        { memberNumber: "agt-0002", pokok: 0, wajib: 50_000, line: 3 },
      ],
    });
    expect(readSavingsCsv("nomor_anggota;simpanan_pokok;simpanan_wajib\r\nAGT-0003;100.000;200.000\r\n")).toEqual({
      ok: true,
      rows: [{ memberNumber: "AGT-0003", pokok: 100_000, wajib: 200_000, line: 2 }],
    });
  });

  it("lists every bad row: amounts, duplicates, empty numbers; an unreadable file is refused whole", () => {
    expect(readSavingsCsv("member_number,pokok,wajib\nAGT-0001,100000,12,5\nAGT-0002,-5,0\nagt-0001,1,1\n,1,1\n")).toEqual({
      ok: false,
      problems: [
        { line: 3, message: "shu.import.error.amount", value: "-5" },
        { line: 4, message: "shu.import.error.duplicate", value: "agt-0001" },
        { line: 5, message: "shu.import.error.columns", value: "" },
      ],
    });
    expect(readSavingsCsv("nama,jumlah\nSiti,100\n")).toEqual({ ok: false, error: "bad_csv" });
    expect(readSavingsCsv("member_number,pokok,wajib\n")).toEqual({ ok: false, error: "bad_csv" });
    expect(readSavingsCsv('member_number,pokok,wajib\n"AGT-1,2,3\n')).toEqual({ ok: false, error: "bad_csv" });
  });
});
