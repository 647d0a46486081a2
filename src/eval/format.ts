// The scorer's report as a readable table (`hearsay eval` without --json).

import { ROLES, type EvalReport, type PRF } from './score.js';

const num = (x: number): string => x.toFixed(1).padStart(6);
const triple = (x: PRF): string => `${num(x.p)} ${num(x.r)} ${num(x.f1)}`;

export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(`articles ${r.docs} (without predictions: ${r.missingDocs})   gold attributions ${r.gold}   predicted statements ${r.pred}   cue-linked pairs ${r.linked.pairs}`);
  lines.push('');
  const head = `${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`;
  lines.push(`${''.padEnd(24)}${'exact'.padStart(20)}    ${'overlap'.padStart(20)}`);
  lines.push(`${'role level'.padEnd(24)}${head}    ${head}`);
  for (const role of ROLES) {
    const x = r.role[role];
    lines.push(`  ${role.padEnd(22)}${triple(x.exact)}    ${triple(x.overlap)}`);
  }
  lines.push('');
  lines.push(`${'linked (one-to-one by cue)'.padEnd(30)}${head}`);
  const linked: [string, PRF][] = [
    ['cue', r.linked.cue],
    ['source exact', r.linked.source],
    ['content exact', r.linked.content],
    ['all three exact', r.linked.all],
    ['content overlap', r.linked.contentOverlap],
  ];
  for (const [name, x] of linked) lines.push(`  ${name.padEnd(28)}${triple(x)}`);
  const types = Object.entries(r.byType).sort(([a], [b]) => a.localeCompare(b));
  if (types.length) {
    lines.push('');
    lines.push(`${'by gold quote type'.padEnd(22)}${'gold'.padStart(6)} ${'linked%'.padStart(8)} ${'content exact R%'.padStart(17)} ${'content overlap R%'.padStart(19)}`);
    for (const [t, v] of types) {
      lines.push(`  ${t.padEnd(20)}${String(v.gold).padStart(6)} ${num(v.linkedRecall).padStart(8)} ${num(v.contentExactRecall).padStart(17)} ${num(v.contentOverlapRecall).padStart(19)}`);
    }
  }
  return lines.join('\n') + '\n';
}
