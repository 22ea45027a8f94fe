/**
 * The dataset service: which version of each layer the server uses, imports of new versions and
 * restores of old ones. An import reads the whole file and checks every feature in a worker thread
 * of its own (server/imports/importWorker.ts: under a memory limit and a wall clock, off the event
 * loop), combines it with the layer in use (replace, replace one operator's sites, or merge by id)
 * and answers a report; with any problem it is refused whole (422, or 413 past a size limit;
 * nothing stored). A good file, unless it is a dry run, is stored as the layer's next version in
 * one transaction and made active, and the server switches to it (`onChange`: the composition
 * root rebuilds what depends on the data — coverage from the per-site cache, gaps, scenarios).
 * Imports and restores run one at a time. Throws domain errors only.
 */
import { dirname, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import { NotFoundError } from '../../core/errors';
import { parseHgt } from '../../core/formats/hgt';
import type { Communes, DemGrid, PowerLines, Sites, Villages } from '../../core/model/types';
import { parseGeoTiffDem } from '../data/dem';
import { loadSitesFile } from '../data/files';
import { loadGeodata, readManifest, type Geodata, type GeodataManifest } from '../data/geodata';
import type { ImportReport } from '../../core/wire/datasets';
import { DATASET_LAYERS, type DatasetLayer, type DatasetRepository, type DatasetVersion, type DatasetVersionMeta } from '../data/store/datasets';
import { ImportWorker, type ImportBody } from '../imports/importWorker';
import { fileProblem, importRefusal, type ImportProblem } from '../imports/problems';
import type { TextEncoding } from '../imports/text';

/** The formats each layer can be imported from. */
export const IMPORT_FORMATS: Readonly<Record<DatasetLayer, readonly string[]>> = Object.freeze({
  sites: ['geojson', 'opencellid', 'kml'],
  villages: ['geojson', 'shapefile', 'gpkg'],
  communes: ['geojson', 'shapefile', 'gpkg'],
  'power-lines': ['geojson', 'shapefile'],
  dem: ['geotiff', 'hgt'],
});

export interface ImportLimits {
  /** Largest request body, bytes (IMPORT_MAX_MB). */
  maxBytes: number;
  /** Most features (or CSV rows) in one file (IMPORT_MAX_FEATURES). */
  maxFeatures: number;
  /** Bytes a zip archive may inflate to (IMPORT_MAX_UNZIPPED_MB). */
  maxInflatedBytes: number;
  /** Most DEM cells (width × height) (IMPORT_MAX_DEM_CELLS), checked from the file's header. */
  maxDemCells: number;
  /** Longest the import worker may read and check a file, ms (IMPORT_TIMEOUT_S). */
  timeoutMs: number;
  /** Largest JavaScript heap of the import worker, MB (IMPORT_MAX_WORKER_MB). */
  maxWorkerMb: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 200 * 2 ** 20, // a 1° × 1° SRTM 1″ tile is 25 MB, a province GeoTIFF at 1″ 10–30 MB
  maxFeatures: 200_000, // ten times a province's sites or villages
  maxInflatedBytes: 500 * 2 ** 20, // a province's Shapefile is a few MB; a zip bomb stops here
  maxDemCells: 100_000_000, // 10,000 × 10,000: 400 MB as float32
  timeoutMs: 60_000, // a province's files take 1–5 s; a hostile one is stopped here
  maxWorkerMb: 1024, // 200,000 village polygons read and checked take ~600 MB
});

export interface ImportRequest {
  layer: DatasetLayer;
  format: string;
  dryRun: boolean;
  mode: 'replace' | 'merge';
  /** Sites, replace: only this operator's sites are replaced. */
  operator: string | null;
  encoding: TextEncoding;
  /** The file's name (SRTM tiles: located by it, e.g. N22E106.hgt). */
  fileName: string | null;
  /** The file: its bytes, or the request's body as a stream of known length (read once, by the import worker). */
  body: ImportBody;
}

/** What an import found and did (the contract's; its `errors` stay empty: a file with a problem is refused). */
export type { ImportReport } from '../../core/wire/datasets';

/** The layers of a Geodata by dataset layer. */
type VectorKey = 'sites' | 'villages' | 'communes' | 'powerLines';
const GEODATA_KEY: Record<Exclude<DatasetLayer, 'dem'>, VectorKey> = { sites: 'sites', villages: 'villages', communes: 'communes', 'power-lines': 'powerLines' };

/** Called after the active version of a layer changed, with the data now in use. */
export type DatasetChange = (geodata: Geodata, layer: DatasetLayer) => Promise<void> | void;

/**
 * @example
 * const datasets = await DatasetService.open(store.datasets, 'geodata/covgap.json');
 * datasets.onChange = (g) => rebuild(g);
 * const report = await datasets.import({ layer: 'sites', format: 'opencellid', dryRun: true, … });
 */
export class DatasetService {
  readonly repository: DatasetRepository;
  readonly limits: Readonly<ImportLimits>;
  onChange: DatasetChange = () => {};
  private _geodata: Geodata;
  private _queue: Promise<unknown> = Promise.resolve();
  /** Reads and checks the files, in a process of its own. */
  private readonly _worker: ImportWorker;
  /** The manifest whose files are version 1 of each layer (null: no manifest, as in tests). */
  private readonly _manifestPath: string | null;

  constructor(repository: DatasetRepository, geodata: Geodata, limits: Partial<ImportLimits> = {}, manifestPath: string | null = null) {
    this.repository = repository;
    this._geodata = geodata;
    this._manifestPath = manifestPath;
    this.limits = Object.freeze({ ...DEFAULT_IMPORT_LIMITS, ...limits });
    this._worker = new ImportWorker(this.limits);
  }

  /** Ends the import worker process (a later import starts another). */
  close(): void {
    this._worker.close();
  }

  /**
   * The manifest's data as version 1 of each layer (recorded on the first start), with each
   * layer's active version read from the store in its place.
   */
  static async open(repository: DatasetRepository, manifestPath: string, limits: Partial<ImportLimits> = {}): Promise<DatasetService> {
    const geodata = await loadGeodata(manifestPath);
    const manifest = await readManifest(manifestPath);
    for (const layer of DATASET_LAYERS) await repository.init(layer, manifestMeta(layer, geodata, manifest));
    const service = new DatasetService(repository, geodata, limits, manifestPath);
    // forked now: forking the server later, with its memory grown, holds its event loop longer
    service._worker.start();
    for (const v of await repository.list()) {
      if (v.active && v.source !== 'manifest') service._geodata = await service._withVersion(service._geodata, v);
    }
    return service;
  }

  /**
   * The sites in use with this store and manifest, read without opening the service (no DEM, no
   * other layer): the active imported version, else the manifest's file. The CLI checks an
   * operator name against them.
   */
  static async activeSites(repository: DatasetRepository, manifestPath: string): Promise<Sites> {
    const active = (await repository.list()).find((v) => v.layer === 'sites' && v.active);
    if (active && active.source !== 'manifest') return (await storedLayer(repository, active)) as Sites;
    const manifest = await readManifest(manifestPath);
    return loadSitesFile(resolve(dirname(resolve(manifestPath)), manifest.sites));
  }

  /** The data in use. */
  get geodata(): Geodata {
    return this._geodata;
  }

  /** The active version of every layer, as one short text ("sites2.villages1.communes1.power-lines1.dem1"). */
  async stamp(): Promise<string> {
    return (await this.list()).map((l) => `${l.layer}${l.active}`).join('.');
  }

  /** Every version of every layer, grouped by layer with the active one named. */
  async list(): Promise<{ layer: DatasetLayer; active: number; versions: DatasetVersion[] }[]> {
    const all = await this.repository.list();
    return DATASET_LAYERS.map((layer) => {
      const versions = all.filter((v) => v.layer === layer);
      return { layer, active: versions.find((v) => v.active)?.version ?? 1, versions };
    });
  }

  async get(layer: DatasetLayer, version: number): Promise<DatasetVersion> {
    const v = await this.repository.get(layer, version);
    if (!v) throw new NotFoundError(`layer "${layer}" has no version ${version}; GET /api/datasets lists the versions`);
    return v;
  }

  /** Makes an older (or newer) version active again, and the server use it. */
  restore(layer: DatasetLayer, version: number): Promise<DatasetVersion> {
    return this._serial(async () => {
      const v = await this.get(layer, version);
      const next = await this._withVersion(this._geodata, v);
      const restored = await this.repository.restore(layer, version);
      this._geodata = next;
      await this.onChange(next, layer);
      return restored;
    });
  }

  /** Checks the file and, unless a dry run or refused, stores and uses it (see the module doc). */
  import(req: ImportRequest): Promise<ImportReport> {
    return this._serial(() => this._import(req));
  }

  private async _import(req: ImportRequest): Promise<ImportReport> {
    const report: ImportReport = { layer: req.layer, format: req.format, mode: req.mode, operator: req.operator, dryRun: req.dryRun, applied: false, version: null, counts: {}, warnings: [], errors: [] };
    const refuse = (problems: ImportProblem[], problemCount = problems.length): never => {
      throw importRefusal(`${req.layer} (format=${req.format})`, problems, { layer: report.layer, format: report.format, mode: report.mode, operator: report.operator, dryRun: report.dryRun, applied: false, counts: report.counts, warnings: report.warnings }, problemCount);
    };
    const { dem: current } = this._geodata;
    // a DEM is stored as it came: its bytes are kept as they pass to the worker (a vector layer is stored as checked)
    const kept: Uint8Array[] = [];
    const body: ImportBody = req.body instanceof Uint8Array || req.layer !== 'dem' ? req.body : { stream: keepChunks(req.body.stream, kept), bytes: req.body.bytes };
    const job = {
      layer: req.layer, format: req.format, encoding: req.encoding, fileName: req.fileName, body,
      limits: { maxFeatures: this.limits.maxFeatures, maxInflatedBytes: this.limits.maxInflatedBytes, maxDemCells: this.limits.maxDemCells },
      demExtent: req.layer === 'dem' ? null : { width: current.width, height: current.height, transform: current.transform },
    };
    const read = await this._worker.run(job);
    report.warnings.push(...read.warnings);
    if (read.kind === 'refused') return refuse(read.problems, read.problemCount);
    if (read.kind === 'dem') {
      const { dem } = read;
      report.counts = { width: dem.width, height: dem.height, cellArcSec: Math.round(Math.abs(dem.transform[1]) * 3600 * 100) / 100 };
      const sites = this._geodata.sites.features;
      const off = sites.filter((f) => !onDem(dem, f.geometry.coordinates[0], f.geometry.coordinates[1])).length;
      // a DEM under none of the sites is not the province's: refused, in a dry run too
      if (sites.length > 0 && off === sites.length) refuse([fileProblem(`the DEM (${demBox(dem)}) covers none of the ${sites.length} sites: no coverage could be computed; import the DEM of the sites' area`)]);
      if (off > 0) report.warnings.push(`${off} of ${sites.length} sites lie outside the new DEM: the coverage skips them`);
      if (req.dryRun) return report;
      const v = await this.repository.add('dem', this._meta(req, report), req.body instanceof Uint8Array ? req.body : Buffer.concat(kept));
      this._geodata = { ...this._geodata, dem };
      await this.onChange(this._geodata, 'dem');
      return { ...report, applied: true, version: v.version };
    }
    const imported = read.collection;
    const key = GEODATA_KEY[req.layer as Exclude<DatasetLayer, 'dem'>];
    const combined = combine(this._geodata[key].features as Feature[], imported.features, req);
    report.counts = { ...read.counts, features: imported.features.length, ...combined.counts };
    if (combined.problems.length > 0) refuse(combined.problems);
    if (req.dryRun) return report;
    const collection = { type: 'FeatureCollection', features: combined.features } as FeatureCollection;
    const content = gzipSync(JSON.stringify(collection));
    const v = await this.repository.add(req.layer, this._meta(req, report), content);
    this._geodata = { ...this._geodata, [key]: collection } as Geodata;
    await this.onChange(this._geodata, req.layer);
    return { ...report, applied: true, version: v.version };
  }

  private _meta(req: ImportRequest, report: ImportReport): DatasetVersionMeta {
    return { source: 'import', format: req.format, mode: req.layer === 'dem' ? 'replace' : req.mode, operator: req.operator, fileName: req.fileName, counts: report.counts };
  }

  /** `geodata` with layer `v.layer` read from version v. */
  private async _withVersion(geodata: Geodata, v: DatasetVersion): Promise<Geodata> {
    if (v.source === 'manifest') {
      if (!this._manifestPath) throw new Error('this server has no geodata manifest to restore version 1 from');
      const fresh = await loadGeodata(this._manifestPath);
      return v.layer === 'dem' ? { ...geodata, dem: fresh.dem } : ({ ...geodata, [GEODATA_KEY[v.layer]]: fresh[GEODATA_KEY[v.layer]] } as Geodata);
    }
    if (v.layer === 'dem') return { ...geodata, dem: await storedLayer(this.repository, v) as DemGrid };
    return { ...geodata, [GEODATA_KEY[v.layer]]: await storedLayer(this.repository, v) } as Geodata;
  }

  private _serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this._queue.then(work, work);
    this._queue = run.catch(() => {});
    return run;
  }
}

/** An imported version's content, read back: the DEM, or the layer's features. */
async function storedLayer(repository: DatasetRepository, v: DatasetVersion): Promise<DemGrid | Sites | Villages | Communes | PowerLines> {
  const content = await repository.content(v.layer, v.version);
  if (!content) throw new Error(`dataset ${v.layer} version ${v.version} has no content in the store`);
  if (v.layer === 'dem') return v.format === 'hgt' ? parseHgt(content, v.fileName ?? '') : parseGeoTiffDem(content, `dem version ${v.version}`);
  return JSON.parse(gunzipSync(content).toString('utf8')) as Sites | Villages | Communes | PowerLines;
}

/** Version 1 of a layer: the file the manifest names. */
function manifestMeta(layer: DatasetLayer, g: Geodata, m: GeodataManifest): DatasetVersionMeta {
  const counts: Record<string, number> = layer === 'dem' ? { width: g.dem.width, height: g.dem.height } : { features: g[GEODATA_KEY[layer]].features.length };
  const fileName = layer === 'dem' ? m.dem : m[GEODATA_KEY[layer]];
  const ext = fileName.toLowerCase().replace(/^.*\./, '');
  const format = ext === 'hgt' ? 'hgt' : ext === 'tif' || ext === 'tiff' ? 'geotiff' : ext === 'csv' ? 'opencellid' : 'geojson';
  // the name as the manifest gives it (relative to the manifest): no server path in the answers
  return { source: 'manifest', format, mode: null, operator: null, fileName, counts };
}

/** A DEM's bounds, for messages: "105.9996–107.0004 E, 21.9996–23.0004 N". */
function demBox(dem: DemGrid): string {
  const t = dem.transform;
  return `${t[0].toFixed(4)}–${(t[0] + dem.width * t[1]).toFixed(4)} E, ${(t[3] + dem.height * t[5]).toFixed(4)}–${t[3].toFixed(4)} N`;
}

function onDem(dem: DemGrid, lon: number, lat: number): boolean {
  const t = dem.transform;
  return lon >= t[0] && lon <= t[0] + dem.width * t[1] && lat <= t[3] && lat >= t[3] + dem.height * t[5];
}

/**
 * The layer after the import: replace (all, or one operator's sites) or merge by id, with counts
 * and the problems only the combination shows (a site of another operator in an operator's file,
 * an id taken by a site that is kept).
 */
function combine(current: readonly Feature[], imported: readonly Feature[], req: ImportRequest): { features: Feature[]; counts: Record<string, number>; problems: ImportProblem[] } {
  const idOf = (f: Feature): string => String(f.properties?.id);
  const before = new Map(current.map((f) => [idOf(f), f]));
  const problems: ImportProblem[] = [];
  let kept: Feature[];
  if (req.mode === 'merge') {
    const incoming = new Set(imported.map(idOf));
    kept = current.filter((f) => !incoming.has(idOf(f)));
  } else if (req.operator !== null) {
    const op = req.operator.toLowerCase();
    imported.forEach((f, i) => {
      const got = String(f.properties?.operator ?? '');
      if (got.toLowerCase() !== op) problems.push({ feature: i, field: 'properties.operator', message: `"${got}", but operator=${req.operator} replaces only that operator's sites; remove the site or import without operator=` });
    });
    kept = current.filter((f) => String(f.properties?.operator ?? '').toLowerCase() !== op);
    const keptIds = new Map(kept.map((f) => [idOf(f), f]));
    imported.forEach((f, i) => {
      const other = keptIds.get(idOf(f));
      if (other) problems.push({ feature: i, field: 'properties.id', message: `"${idOf(f)}" is the id of a site of ${String(other.properties?.operator)}, which this import keeps; ids are unique across operators` });
    });
  } else {
    kept = [];
  }
  const features = [...kept, ...imported];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const f of imported) {
    const old = before.get(idOf(f));
    if (!old) added++;
    else if (JSON.stringify([old.geometry, old.properties]) === JSON.stringify([f.geometry, f.properties])) unchanged++;
    else updated++;
  }
  const after = new Set(features.map(idOf));
  const removed = [...before.keys()].filter((id) => !after.has(id)).length;
  return { features, counts: { before: current.length, after: features.length, added, updated, unchanged, removed }, problems };
}

/** The chunks of `stream`, each also pushed to `into` as it passes. */
async function* keepChunks(stream: AsyncIterable<Uint8Array>, into: Uint8Array[]): AsyncIterable<Uint8Array> {
  for await (const chunk of stream) {
    into.push(chunk);
    yield chunk;
  }
}
