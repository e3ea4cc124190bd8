import { logger, parse, View, Warn, type LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** An SVG document, and what Vega-Lite and Vega warned about while drawing it. */
export interface DrawnSvg {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/** A logger that keeps warnings instead of printing them on the console (stdout is not ours to fill). */
function collectingLogger(warnings: string[]): LoggerInterface {
  return logger(Warn, 'warn', (_method, _level, args) => {
    warnings.push(args.map(String).join(' '));
  });
}

/**
 * A Vega-Lite spec drawn as an SVG document in Node: compiled to Vega, run by a headless View
 * (renderer 'none': no DOM, no canvas) and serialised by Vega's own SVG renderer. Data is inline in
 * the spec, so nothing is loaded.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<DrawnSvg> {
  const warnings: string[] = [];
  const log = collectingLogger(warnings);
  const view = new View(parse(compile(spec, { logger: log }).spec), { renderer: 'none', logger: log });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}
