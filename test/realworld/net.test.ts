/**
 * The network part of the real-program suite: sockets (Unix and loopback TCP/UDP), waiting
 * (poll, select, epoll) and the event files (eventfd, timerfd, signalfd), each program run
 * under akuma-vm and under qemu-aarch64 (which gives it the host's real loopback; so the
 * programs bind port 0 and print nothing port-specific). Cases that must differ from a Linux
 * with a network (an address off the loopback) are checked against Linux's documented answer.
 */

import t from 'tap';
import { realworldBinary, runUnderAkuma, sameAsQemu } from './compare.js';

const net = (name: string): string => realworldBinary('net', name);

/** [label, program, arguments] compared with qemu-aarch64. */
const CASES: Array<[string, string, string[]?]> = [
  ['socketpair: stream, datagram, seqpacket', 'socketpair'],
  ['Unix stream echo server on a path, with fork', 'unix_stream_fork'],
  ['Unix datagrams on path and abstract names', 'unix_dgram'],
  ['abstract names and autobind', 'abstract'],
  ['SCM_RIGHTS passing a pipe, SCM_CREDENTIALS', 'scm_rights'],
  ['TCP echo server with fork on 127.0.0.1', 'tcp_echo_fork'],
  ['TCP echo server with fork on ::1', 'tcp_echo_fork', ['6']],
  ['UDP ping-pong, ECONNREFUSED on a connected socket', 'udp_pingpong'],
  ['non-blocking connect and accept with poll', 'nonblock_connect'],
  ['edge-triggered epoll server with several clients', 'epoll_et_server'],
  ['epoll level/edge/oneshot re-arm/exclusive/nesting over pipes', 'epoll_oneshot'],
  ['eventfd counter and semaphore', 'eventfd'],
  ['timerfd periodic ticks counted with epoll', 'timerfd_epoll'],
  ['signalfd reading SIGUSR1 and a child\'s SIGUSR2', 'signalfd'],
  ['pselect6 and select with timeouts and a sigmask', 'pselect'],
  ['ppoll with a sigmask', 'ppoll_sigmask'],
  ['TCP errors: ECONNREFUSED, SO_ERROR, EADDRINUSE and SO_REUSEADDR/SO_REUSEPORT, wildcard and dual-stack listeners', 'tcp_errors'],
  ['TCP half-close, MSG_PEEK/WAITALL/DONTWAIT, EPOLLRDHUP, EPIPE/SIGPIPE, reset, getsockname port', 'tcp_halfclose'],
  ['socket options with Linux\'s answers', 'sockopts'],
  ['sendmsg/recvmsg iovecs, sendmmsg/recvmmsg over UDP v6 and v4', 'udp_mmsg'],
  ['SO_RCVTIMEO and SO_SNDTIMEO on recv, read, send and accept', 'so_timeo'],
  ['a bound Unix path socket is S_IFSOCK (stat, DT_SOCK), open ENXIO, unlink while in use', 'unix_sockfile'],
];

// Go's net package: goroutines on threads, the runtime's epoll poller, non-blocking connect.
t.test('Go net/http server and client on 127.0.0.1 in one program', async (t) => {
  sameAsQemu(t, 'go httploop', realworldBinary('go', 'httploop'));
});
t.test('Go TCP echo server with a goroutine per connection', async (t) => {
  sameAsQemu(t, 'go tcpecho', realworldBinary('go', 'tcpecho'));
});

t.test('epoll and poll on standard input until its end', async (t) => {
  sameAsQemu(t, 'epoll_stdin', net('epoll_stdin'), { stdin: 'line one\nline two\nthree\n' });
});

for (const [label, name, args] of CASES) {
  t.test(label, async (t) => {
    sameAsQemu(t, label, net(name), { args });
  });
}

// Under qemu-aarch64 these would really try the host's network; the guest has none, so the
// answers are those Linux documents for a machine whose only interface is lo: connect(2) and
// sendto(2) fail with ENETUNREACH when no route exists, bind(2) with EADDRNOTAVAIL for an
// address no interface has. 127.0.0.2 is on the loopback (127.0.0.0/8).
t.test('addresses off the loopback are unreachable, never a host socket', async (t) => {
  const out = runUnderAkuma(net('enetunreach'));
  t.equal(out.stdout, [
    'tcp connect 10.0.0.1: -1 ENETUNREACH',
    'non-blocking connect 10.0.0.1: -1 ENETUNREACH',
    'udp sendto 10.0.0.1: -1 ENETUNREACH',
    'udp connect 10.0.0.1: -1 ENETUNREACH',
    'tcp connect 2001:db8::1: -1 ENETUNREACH',
    'bind 10.0.0.1: -1 EADDRNOTAVAIL',
    'bind 127.0.0.2 (on the loopback): 0',
    '',
  ].join('\n'));
  t.equal(out.status, 0);
});
