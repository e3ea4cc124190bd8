// Loaded with `node --import` into a measured child: on exit it reports the whole process's peak RSS
// (main thread and worker threads share one process) on stderr as one JSON line, tagged for the bench.
process.on('exit', () => {
  const { maxRSS } = process.resourceUsage();
  process.stderr.write(`\n@@bench ${JSON.stringify({ maxRssKb: maxRSS })}\n`);
});
