/** env: print or change the environment and run a command (-i, -u NAME, -0, NAME=VALUE). */
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { runCommand } from '../lib/run-command.js';

export const env = program('env', async (ctx) => {
  let args = ctx.args;
  let clear = false;
  // a lone '-' means -i
  if (args[0] === '-') {
    clear = true;
    args = args.slice(1);
  }
  const o = getopt(args, { short: 'iu:0', long: { 'ignore-environment': 'i', 'unset=': 'u', null: '0' }, stopAtOperand: true });
  if (o.has('i')) clear = true;
  let envs = clear ? [] : [...ctx.env];
  for (const u of o.all('u')) envs = envs.filter((e) => !e.startsWith(u + '='));
  const ops = [...o.operands];
  while (ops.length && ops[0].includes('=')) {
    const kv = ops.shift()!;
    const k = kv.slice(0, kv.indexOf('='));
    envs = envs.filter((e) => !e.startsWith(k + '='));
    envs.push(kv);
  }
  if (!ops.length) {
    const end = o.has('0') ? '\0' : '\n';
    await ctx.out.write(envs.map((e) => bytesOf(e) + end).join(''));
    return 0;
  }
  const r = await runCommand(ctx, ops, envs);
  return r.status;
});

export const printenv = program('printenv', async (ctx) => {
  if (!ctx.args.length) {
    await ctx.out.write(ctx.env.map((e) => bytesOf(e) + '\n').join(''));
    return 0;
  }
  let status = 0;
  for (const k of ctx.args) {
    const v = ctx.getenv(k);
    if (v === undefined) status = 1;
    else await ctx.out.write(bytesOf(v) + '\n');
  }
  return status;
});
