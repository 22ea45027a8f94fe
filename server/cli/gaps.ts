/**
 * `covgap gaps`: the gap list of the province (villages without signal, sorted by priority) as a
 * download file, for scheduled exports. The province coverage comes from the same disk cache as
 * the server's (DATA_DIR/coverage-cache), so after a server start it is read back, not recomputed.
 */
import { writeFile } from 'node:fs/promises';
import { ConflictError, InputError } from '../../core/errors';
import type { SiteFeature } from '../../core/model/types';
import type { Network } from '../../core/scenario/apply';
import { parseFlags, required } from './args';
import { operatorsOf } from '../../core/model/operators';

export const GAPS_HELP = `Usage: covgap gaps --format csv|xlsx|geojson|kml|gpkg --out FILE
         [--commune CODE] [--tech 2G|3G|4G|5G] [--operator NAME] [--electrified true|false]
         [--min-population N] [--lang vi|en] [--codes plain|text] [--scenario ID] [--geodata FILE]
         [--data-dir DIR]

Writes the villages without mobile signal (or without the given technology / operator),
sorted by priority score, with their reason, nearest sites and score parts. The province
coverage is computed on all cores, or read from the cache under DATA_DIR when nothing changed;
progress goes to stderr.

  --format F           csv (UTF-8 with BOM), xlsx, geojson, kml or gpkg
  --out FILE           output file (overwritten)
  --commune CODE       only villages of this commune (official code)
  --tech T             villages without this technology instead of without any signal
  --operator NAME      villages without this operator's signal (case-insensitive)
  --electrified B      true: only villages with power; false: only villages without power
  --min-population N   only villages with at least N people
  --lang L             language of headers and texts: vi (default) or en
  --codes C            csv only: plain (default, for scripts) or text (codes such as
                       01795 written ="01795", so Excel and LibreOffice keep the zero)
  --scenario ID        the gaps of a saved scenario (from the store in DATA_DIR, or
                       DATABASE_URL) instead of the network as loaded
  --geodata FILE       the geodata manifest (default: $GEODATA or geodata/covgap.json)
  --data-dir DIR       where the coverage cache lives (default: $DATA_DIR or data)
  --help               this text

Exit status: 0 done, 2 bad usage or input, 1 unexpected failure.

Example:
  covgap gaps --format xlsx --tech 4G --operator Viettel --out viettel-no-4g.xlsx`;

const V = { value: true };
const SPEC = {
  format: V, out: V, commune: V, tech: V, operator: V, electrified: V, 'min-population': V, lang: V, codes: V, scenario: V, geodata: V, 'data-dir': V,
  help: { value: false },
};
const FLAG_OF: Record<string, string> = { communeId: '--commune', tech: '--tech', operator: '--operator', electrified: '--electrified', minPopulation: '--min-population' };

/** Run `covgap gaps` with `argv` (after the command name); resolves to the exit status. */
export async function runGaps(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, SPEC, 'gaps');
  if (flags.has('help')) {
    process.stdout.write(GAPS_HELP + '\n');
    return 0;
  }
  const format = required(flags, 'format', 'gaps');
  const { GAP_FORMATS, gapDownload } = await import('../export/download');
  if (!(GAP_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format must be one of ${GAP_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  const lang = flags.get('lang') ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new InputError(`--lang must be vi or en, got ${JSON.stringify(lang)}`);
  const codes = flags.get('codes') ?? 'plain';
  if (codes !== 'plain' && codes !== 'text') throw new InputError(`--codes must be plain or text, got ${JSON.stringify(codes)}`);
  if (codes === 'text' && format !== 'csv') throw new InputError(`--codes text only applies to --format csv (the ${format} file keeps codes as text already)`);
  const outPath = required(flags, 'out', 'gaps');

  const [{ loadConfig }, { openRuntime }, { GapService, parseGapQuery }, { CoverageService }] = await Promise.all([
    import('../config'), import('../runtime'), import('../services/gaps'), import('../services/coverage'),
  ]);
  const config = loadConfig({ ...(flags.has('geodata') ? { geodataPath: flags.get('geodata') } : {}), ...(flags.has('data-dir') ? { dataDir: flags.get('data-dir') } : {}) });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const scenarioId = flags.get('scenario');
  // the manifest as it is; the store (DATA_DIR or DATABASE_URL) only for a scenario; the coverage on first use
  const runtime = await openRuntime(config, { geodata: 'manifest', store: scenarioId !== undefined, coverage: true, coverageLog: log });
  try {
    const { geodata, scenarios } = runtime.data;
    // the filters first: a typo fails before any coverage work
    const operators = operatorsOf(geodata.sites.features);
    let q;
    try {
      q = parseGapQuery({
        communeId: flags.get('commune'), tech: flags.get('tech'), operator: flags.get('operator'),
        electrified: flags.get('electrified'), minPopulation: flags.get('min-population'),
      }, operators, geodata.communes.features.map((c) => c.properties.id));
    } catch (err) {
      // the same checks as the query string's, named as the command line's flags
      if (!(err instanceof InputError) || err.path === undefined) throw err;
      const detail = err.message.slice(err.path.length + 2).replace('; see /collections/communes/items for the codes', '; see communes.geojson for the codes');
      throw new InputError(`${FLAG_OF[err.path] ?? err.path}: ${detail}`);
    }
    // a scenario: read and checked before any coverage work
    let network: Network | null = null;
    if (scenarioId !== undefined && scenarios) {
      try {
        network = (await scenarios.resolve(scenarioId))?.network ?? null;
      } catch (err) {
        if (err instanceof ConflictError) throw new InputError(`--scenario ${scenarioId}: ${err.message}`);
        throw err;
      }
    }
    // the province coverage starts here (from the cache under DATA_DIR when nothing changed)
    const baseline = runtime.data.coverage!.coverage.provider;
    let provider = baseline;
    let gaps = runtime.data.gaps!;
    if (network) {
      const { evaluateScenario } = await import('../services/scenarioEvaluation');
      provider = evaluateScenario(runtime.pipeline!, baseline, network.sites as SiteFeature[], (r) => log(`scenario ${scenarioId}: ${r.added} added, ${r.removed} removed, ${r.modified} changed; evaluated in ${r.seconds.toFixed(1)} s`));
      gaps = new GapService(new CoverageService(provider), {
        villages: geodata.villages.features, communes: geodata.communes.features, powerLines: geodata.powerLines.features,
      }, network.gapOptions);
    }
    while (provider.status().state === 'computing') await new Promise((r) => setTimeout(r, 100));
    const s = provider.status();
    if (s.state === 'failed') throw new Error(`the coverage computation failed: ${s.error ?? 'unknown error'}`);
    const t0 = performance.now();
    const list = gaps.list(q);
    const ms = performance.now() - t0;
    const d = gapDownload(list, format, lang, { codes });
    try {
      await writeFile(outPath, d.body);
    } catch (err) {
      throw new InputError(`${outPath}: cannot write the output: ${(err as Error).message}`);
    }
    log(`gaps: ${list.length} villages written to ${outPath} (${format}, ${lang}); gap analysis ${ms.toFixed(0)} ms`);
    return 0;
  } finally {
    await runtime.close();
  }
}
