// Loaded with `node --import` into a measured child: on exit it reports the whole process's peak RSS
// and CPU time (main thread, worker threads and native threads share one process) on stderr as one
// JSON line, tagged for the bench.
process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`\n@@bench ${JSON.stringify({ maxRssKb: maxRSS, userUs: userCPUTime, systemUs: systemCPUTime })}\n`);
});
