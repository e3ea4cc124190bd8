// The yaml package, loaded on its first use rather than with the modules that may need it: a run with the
// shipped config reads it as parsed at build time (parsedConfig.ts), and loading the parser cost ~80 ms
// of CPU on the coordinator before the workers could start. Its Node entry is CommonJS, so require gives
// the very module an `import` would.
import { createRequire } from 'node:module';

type YamlModule = typeof import('yaml');

let library: YamlModule | undefined;

export function yamlLibrary(): YamlModule {
  library ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return library;
}
