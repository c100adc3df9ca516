// Many globs, each with a tag, tested against a path without trying every one. A glob can only match
// paths in its static folder (picomatch's `base`: 'src/orders' for 'src/orders/**'), so globs are
// filed by that folder and a path is tried only on the globs filed under one of its own folders;
// plain paths are looked up exactly. Checking thousands of globs against each other's paths costs
// what they match, not globs x paths (8k globs took 12-18 s, 20k over 300 s).
import picomatch from 'picomatch';

interface Filed<T> {
  glob: string;
  tag: T;
  /** Order of adding: matches come back in it. */
  order: number;
  test?: (path: string) => boolean;
}

/** The folder every path the glob matches lies in ('' when it can be anywhere), as a literal path. */
function staticFolder(glob: string): string {
  const base = picomatch.scan(glob).base;
  if (base.endsWith('/')) return '';
  // An escaped character would have to be unescaped exactly as picomatch does: cut before it, to the
  // folder above. Filing a glob higher up only means it is tried on more paths.
  const escape = base.indexOf('\\');
  if (escape < 0) return base;
  const slash = base.lastIndexOf('/', escape);
  return slash < 0 ? '' : base.slice(0, slash);
}

export class GlobIndex<T> {
  private readonly literals = new Map<string, Filed<T>[]>();
  private readonly byFolder = new Map<string, Filed<T>[]>();
  private added = 0;

  /** `glob` must be normalized (no leading './', no leading '!'). */
  add(glob: string, tag: T): void {
    const isGlob = picomatch.scan(glob).isGlob;
    const key = isGlob ? staticFolder(glob) : glob.replace(/\\(.)/g, '$1');
    const table = isGlob ? this.byFolder : this.literals;
    const filed: Filed<T> = { glob, tag, order: this.added++ };
    const list = table.get(key);
    if (list) list.push(filed);
    else table.set(key, [filed]);
  }

  /** Tags of the globs matching `path` (a matchable path, see match.ts), in the order they were added. */
  matches(path: string): T[] {
    const found: Filed<T>[] = [...(this.literals.get(path) ?? [])];
    const tryFolder = (folder: string): void => {
      for (const filed of this.byFolder.get(folder) ?? []) {
        filed.test ??= picomatch(filed.glob, { dot: true });
        if (filed.test(path)) found.push(filed);
      }
    };
    tryFolder('');
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) tryFolder(path.slice(0, slash));
    tryFolder(path);
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return found.map((filed) => filed.tag);
  }
}
