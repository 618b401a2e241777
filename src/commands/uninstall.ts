import { UsageError } from '../types.js';

export async function run(argv: string[]): Promise<number> {
  void argv;
  throw new UsageError('"uninstall" is not implemented yet');
}
