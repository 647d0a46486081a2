// Preloaded into the benchmarked process (node --import): reports its peak resident set size on
// standard error when it exits, so the benchmark needs no external `time` program.
process.on('exit', () => {
  process.stderr.write(`\nHEARSAY_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
