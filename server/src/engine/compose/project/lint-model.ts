// The model a Compose file is linted with: its project's view when a project reaches it (an
// override, an include, an extends fragment), else the file alone as before. Also where a report
// lands: a value written in another file of the project is that file's finding, and a fix whose
// edits would land wrong or span files (computed on a merged collection) is not offered.
import type { TextEdit } from '../../types';
import type { FileReader } from '../build';
import { isOnMergedNode } from '../edits';
import { parseCompose, type ComposeModel } from '../model';
import { isElsewhere } from './homes';
import { findProject } from './find';
import { folderOf, relativeFrom, resolveFrom } from './paths';
import { projectView } from './view';

export interface ComposeLintContext {
  /** The lint's cross-file reader, relative to the linted file's folder. */
  readFile: FileReader;
  /** The linted file's path (its last segments name the folders a parent project reaches it through). */
  path?: string;
  /** The config's Compose file sets, relative to the folder `path` is relative to. */
  composeProjects?: readonly (readonly string[])[];
}

export function composeModelFor(text: string, dotEnv: string | undefined, context?: ComposeLintContext): ComposeModel {
  const segments = context?.path?.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  const self = segments?.pop();
  if (!context || !self) return parseCompose(text, dotEnv, context?.readFile);
  const reads = new Map<string, string | undefined>();
  // A file that forms no project is linted from the parse the project search made of it: parsing
  // it twice doubled the time and memory of a large Compose file.
  let selfModel: ComposeModel | undefined;
  const read = (path: string): string | undefined => {
    if (path === self) return text;
    if (!reads.has(path)) reads.set(path, context.readFile(path));
    return reads.get(path);
  };
  const project = findProject(
    self,
    read,
    (docText, env, docPath) => {
      const model = parseCompose(docText, env, (p) => read(resolveFrom(folderOf(docPath), p)));
      if (docPath !== self) model.path = docPath;
      else if (docText === text && env === dotEnv) selfModel = model;
      return model;
    },
    (context.composeProjects ?? []).map((set) => set.map((file) => relativeFrom(segments ?? [], file))),
    segments ?? [],
  );
  const view = project && projectView(project, self, read);
  if (!view) return selfModel ?? parseCompose(text, dotEnv, context.readFile);
  return view.model;
}

interface Placed {
  range: { start: { line: number } };
  fixes?: { edits: readonly TextEdit[] }[];
  service?: string;
}

/**
 * The report as this file shows it, or undefined when it belongs to another file of the project.
 * A fix with an edit computed on a collection Compose's merge built is not offered (edits.ts), nor
 * any fix on a service whose values merge collections from two files of the project.
 */
export function placeComposeReport<T extends Placed>(model: ComposeModel, report: T): T | undefined {
  if (isElsewhere(report.range as never)) return undefined;
  if (!report.fixes || report.fixes.length === 0) return report;
  if (report.service !== undefined && model.mergedServices.has(report.service)) return { ...report, fixes: [] };
  // Nearly every report keeps all its fixes: it is returned as it is, without a filtered copy.
  if (report.fixes.every(editsOnlyWritten)) return report;
  return { ...report, fixes: report.fixes.filter(editsOnlyWritten) };
}

function editsOnlyWritten(fix: { edits: readonly TextEdit[] }): boolean {
  return !fix.edits.some(isOnMergedNode);
}
