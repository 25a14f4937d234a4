/** true and false: exit 0 and exit 1, whatever the arguments. */
import { program } from '../lib/program.js';

export const trueTool = program('true', async () => 0);
export const falseTool = program('false', async () => 1);
