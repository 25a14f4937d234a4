/** id, whoami, logname, groups: the caller's user and group ids and names (from /etc/passwd and /etc/group). */
import { getopt } from '../lib/getopt.js';
import { Accounts } from '../lib/passwd.js';
import { program } from '../lib/program.js';

export const id = program('id', async (ctx) => {
  const o = getopt(ctx.args, { short: 'ugGnrZ', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } });
  const acc = await Accounts.load(ctx.sys);
  let uid = o.has('r') ? ctx.sys.getuid() : ctx.sys.geteuid();
  let gid = o.has('r') ? ctx.sys.getgid() : ctx.sys.getegid();
  let groups = ctx.sys.getgroups();
  // busybox prints the supplementary groups getgroups() reports, and none when it reports none
  let showGroups = groups.length > 0;
  if (o.operands.length) {
    const u = /^\d+$/.test(o.operands[0]) ? acc.users.find((x) => x.uid === Number(o.operands[0])) : acc.user(o.operands[0]);
    if (!u) return ctx.die(`unknown user ${o.operands[0]}`);
    uid = u.uid;
    gid = u.gid;
    groups = [u.gid, ...acc.groups.filter((g) => g.members.includes(u.name) && g.gid !== u.gid).map((g) => g.gid)];
    showGroups = true;
  }
  groups = [gid, ...groups.filter((g) => g !== gid)];
  const un = (u: number) => acc.userName(u);
  const gn = (g: number) => acc.groupName(g);
  const name = o.has('n');
  if (o.has('u')) {
    await ctx.out.write((name ? un(uid) ?? String(uid) : String(uid)) + '\n');
    return 0;
  }
  if (o.has('g')) {
    await ctx.out.write((name ? gn(gid) ?? String(gid) : String(gid)) + '\n');
    return 0;
  }
  if (o.has('G')) {
    await ctx.out.write(groups.map((g) => (name ? gn(g) ?? String(g) : String(g))).join(' ') + '\n');
    return 0;
  }
  const part = (n: number, s: string | undefined) => (s !== undefined ? `${n}(${s})` : String(n));
  let line = `uid=${part(uid, un(uid))} gid=${part(gid, gn(gid))}`;
  if (showGroups) line += ` groups=${groups.map((g) => part(g, gn(g))).join(',')}`;
  await ctx.out.write(line + '\n');
  return 0;
});

export const whoami = program('whoami', async (ctx) => {
  const acc = await Accounts.load(ctx.sys);
  const uid = ctx.sys.geteuid();
  const n = acc.userName(uid);
  if (n === undefined) return ctx.die(`unknown uid ${uid}`);
  await ctx.out.write(n + '\n');
  return 0;
});

export const logname = program('logname', async (ctx) => {
  const n = ctx.getenv('LOGNAME') ?? ctx.getenv('USER');
  if (!n) return ctx.die('getlogin: No such device or address');
  await ctx.out.write(n + '\n');
  return 0;
});

export const groups = program('groups', async (ctx) => {
  const acc = await Accounts.load(ctx.sys);
  const gs = [ctx.sys.getegid(), ...ctx.sys.getgroups().filter((g) => g !== ctx.sys.getegid())];
  await ctx.out.write(gs.map((g) => acc.groupName(g) ?? String(g)).join(' ') + '\n');
  return 0;
});
