/**
 * Hashes of a whole folder tree. `treeHash` covers every path, its kind, its mode's executable
 * bits, a file's bytes and a link's target (never followed): two trees hash alike only when a
 * server started from one would run exactly the same code as from the other. `treeFingerprint`
 * covers what the file system says of each entry without reading it — size, inode, modification
 * and change times — and is a hundred times cheaper: the change time cannot be set back by any
 * program, so a tree whose fingerprint is unchanged was not written since.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

export function treeHash(root: string): Promise<string> {
  return walk(root, true);
}

export function treeFingerprint(root: string): Promise<string> {
  return walk(root, false);
}

/** Hash of a few named files in `root` (a missing one hashes as missing), each never followed through a link. */
export async function filesHash(root: string, names: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const name of names) {
    const st = await lstat(join(root, name)).catch(() => null);
    if (st?.isFile()) hash.update(`f ${name}\0`).update(await readFile(join(root, name))).update('\0');
    else hash.update(`${st ? 'o' : '-'} ${name}\0`);
  }
  return `sha256:${hash.digest('hex')}`;
}

async function walk(root: string, contents: boolean): Promise<string> {
  const hash = createHash('sha256');
  // Iterative, in sorted order, so the hash is the same whatever order the file system lists in.
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const names = (await readdir(join(root, rel))).sort().reverse();
    for (const name of names) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const st = await lstat(join(root, path));
      if (st.isDirectory()) {
        hash.update(`d ${path}\0`);
        stack.push(path);
      } else if (st.isSymbolicLink()) {
        hash.update(`l ${path}\0${await readlink(join(root, path))}\0`);
      } else if (!contents) {
        hash.update(`${st.isFile() ? 'f' : 'o'} ${path} ${st.mode} ${st.size} ${st.ino} ${st.mtimeMs} ${st.ctimeMs}\0`);
      } else if (st.isFile()) {
        hash.update(`f ${path} ${st.mode & 0o111 ? 'x' : '-'} ${st.size}\0`);
        // Most files of a package are small: read whole; a large one (a bundled binary) streamed.
        if (st.size <= 8 * 1024 * 1024) hash.update(await readFile(join(root, path)));
        else for await (const chunk of createReadStream(join(root, path))) hash.update(chunk as Buffer);
      } else {
        hash.update(`o ${path}\0`);
      }
    }
  }
  return `sha256:${hash.digest('hex')}`;
}
