// The scorer's report as a readable table (`hearsay eval` without --json).

import { ROLES, type EvalReport, type PRF } from './score.js';

const num = (x: number): string => x.toFixed(1).padStart(6);
const triple = (x: PRF): string => `${num(x.p)} ${num(x.r)} ${num(x.f1)}`;

export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push(`articles ${r.docs} (without predictions: ${r.missingDocs})   gold attributions ${r.gold}   predicted statements ${r.pred}   cue-linked pairs ${r.linked.pairs}`);
  lines.push('');
  lines.push(`role level               exact:  P      R     F1    overlap:  P      R     F1`);
  for (const role of ROLES) {
    const x = r.role[role];
    lines.push(`  ${role.padEnd(22)}${triple(x.exact)}          ${triple(x.overlap)}`);
  }
  lines.push('');
  lines.push(`linked (one-to-one by cue)        P      R     F1`);
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
    lines.push(`by gold quote type       gold   linked%   content exact recall%   content overlap recall%`);
    for (const [t, v] of types) {
      lines.push(`  ${t.padEnd(20)}${String(v.gold).padStart(7)}  ${num(v.linkedRecall)}  ${num(v.contentExactRecall).padStart(22)}  ${num(v.contentOverlapRecall).padStart(24)}`);
    }
  }
  return lines.join('\n') + '\n';
}
