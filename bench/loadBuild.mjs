// The pieces of one built checkout (dist/) that the in-process paired benches drive: the resolved options
// of a preset, its shard plans for some tables, and the World and table generators to run them with.
export async function loadBuild(root, environment, tables) {
  const { planTables } = await import(`${root}/dist/src/plan/planShards.js`);
  const { resolveOptions } = await import(`${root}/dist/src/plan/resolveOptions.js`);
  const { buildWorld } = await import(`${root}/dist/src/model/world.js`);
  const { createTableGenerator } = await import(`${root}/dist/src/model/tables/registry.js`);
  const { RowSink } = await import(`${root}/dist/src/encoding/rowSink.js`);
  const settings = resolveOptions({ environment, workers: 1 });
  const plans = planTables(settings.config, settings.counts, tables, undefined, settings.shardRows);
  return { settings, plans, buildWorld, createTableGenerator, RowSink };
}
