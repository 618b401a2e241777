// A file replaced whole or not at all: the new content is flushed to a temporary file, renamed over the
// old one, and the folder flushed (fix/durable.ts). The temporary file sits under .git when the caller
// names it (a copy of a key never appears in the work tree), else beside the file.
import { rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { besideTemp, fileMode, removeFile, syncFolder, tempName, writeFlushed } from '../fix/durable.js';

export async function replaceFileAtomically(path: string, content: string, gitDir?: string): Promise<void> {
  const mode = (await fileMode(path)) ?? 0o600;
  let temp: string;
  if (gitDir) {
    const folder = join(gitDir, 'keyfence-rotate');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    temp = tempName(folder, 'env');
  } else temp = besideTemp(path, `${process.pid}`);
  try {
    await writeFlushed(temp, content, mode);
    try {
      await rename(temp, path);
    } catch (error) {
      // Another file system than .git's: write beside the file instead.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const beside = besideTemp(path, `${process.pid}`);
      await writeFlushed(beside, content, mode);
      await rename(beside, path);
      await removeFile(temp);
    }
    await syncFolder(dirname(path));
  } catch (error) {
    await removeFile(temp).catch(() => undefined);
    throw error;
  }
}
