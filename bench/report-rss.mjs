// Preloaded into the benchmarked process (node --import): reports its peak resident set size and
// the CPU time it used on standard error when it exits, so the benchmark needs no external `time`
// program. CPU time is what one core spent on the run: on a machine shared with other jobs it is
// a steadier measure of the work than wall-clock time.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nHEARSAY_BENCH_MAXRSS_KB=${u.maxRSS}\nHEARSAY_BENCH_CPU_US=${u.userCPUTime + u.systemCPUTime}\n`);
});
