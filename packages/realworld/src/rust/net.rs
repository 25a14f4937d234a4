// Rust std::net on the loopback: a TcpListener echo server with a thread per connection,
// half-close, timeouts, non-blocking accept, connection refused, TCP on ::1, and UdpSocket
// datagrams (send_to/recv_from, connect/send/recv, peek, timeouts). Ports are chosen by the
// kernel (port 0) and never printed, so the output is the same on any machine.
//   net CASE   (tcp | tcp-errors | udp)

use std::io::{self, BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::thread;
use std::time::Duration;

fn echo_server(listener: TcpListener, connections: usize) -> thread::JoinHandle<usize> {
    thread::spawn(move || {
        let mut workers = Vec::new();
        for _ in 0..connections {
            let (mut s, peer) = listener.accept().unwrap();
            assert!(peer.ip().is_loopback());
            workers.push(thread::spawn(move || {
                let mut total = 0;
                let mut buf = [0u8; 1024];
                loop {
                    let n = s.read(&mut buf).unwrap();
                    if n == 0 {
                        break;
                    }
                    total += n;
                    s.write_all(&buf[..n]).unwrap();
                }
                total
            }));
        }
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}

fn tcp_on(addr: &str) {
    let listener = TcpListener::bind(addr).unwrap();
    let local = listener.local_addr().unwrap();
    println!("[{}] listening on loopback: {} port chosen: {}", addr, local.ip().is_loopback(), local.port() != 0);
    let server = echo_server(listener, 3);

    // Three clients at once, each with several lines.
    let clients: Vec<_> = (0..3)
        .map(|id| {
            thread::spawn(move || {
                let mut s = TcpStream::connect(local).unwrap();
                s.set_nodelay(true).unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut got = Vec::new();
                for i in 0..5 {
                    writeln!(s, "client {} line {}", id, i).unwrap();
                    let mut line = String::new();
                    r.read_line(&mut line).unwrap();
                    got.push(line.trim_end().to_string());
                }
                let peer_loopback = s.peer_addr().unwrap().ip().is_loopback();
                s.shutdown(Shutdown::Write).unwrap();
                let mut rest = String::new();
                r.read_to_string(&mut rest).unwrap();
                format!("{} (then eof, rest {:?}, peer loopback {})", got.join(" | "), rest, peer_loopback)
            })
        })
        .collect();
    for c in clients {
        println!("[{}] {}", addr, c.join().unwrap());
    }
    println!("[{}] server echoed {} bytes", addr, server.join().unwrap());
}

fn tcp() {
    tcp_on("127.0.0.1:0");
    tcp_on("[::1]:0");

    // A large transfer in both directions at once.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let local = listener.local_addr().unwrap();
    let server = echo_server(listener, 1);
    let mut s = TcpStream::connect(local).unwrap();
    let reader = {
        let mut r = s.try_clone().unwrap();
        thread::spawn(move || {
            let mut all = Vec::new();
            r.read_to_end(&mut all).unwrap();
            all
        })
    };
    let data: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    s.write_all(&data).unwrap();
    s.shutdown(Shutdown::Write).unwrap();
    let back = reader.join().unwrap();
    println!("300000 bytes echoed back intact: {}", back == data);
    println!("server count: {}", server.join().unwrap());
}

fn tcp_errors() {
    // Connecting to a port nobody listens on any more.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = l.local_addr().unwrap();
    drop(l);
    match TcpStream::connect(dead) {
        Ok(_) => println!("connect to a closed port: connected"),
        Err(e) => println!("connect to a closed port: {:?}", e.kind()),
    }

    // Binding the same address twice.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    match TcpListener::bind(addr) {
        Ok(_) => println!("second bind: ok"),
        Err(e) => println!("second bind: {:?}", e.kind()),
    }

    // Non-blocking accept with nobody connecting, then with a client waiting.
    l.set_nonblocking(true).unwrap();
    match l.accept() {
        Ok(_) => println!("non-blocking accept: accepted"),
        Err(e) => println!("non-blocking accept: {:?}", e.kind()),
    }
    let c = TcpStream::connect(addr).unwrap();
    let mut accepted = None;
    for _ in 0..2000 {
        match l.accept() {
            Ok((s, _)) => {
                accepted = Some(s);
                break;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(5)),
            Err(e) => panic!("{}", e),
        }
    }
    let mut srv = accepted.expect("accept");
    println!("non-blocking accept after connect: accepted");

    // A read timeout with no data; then a non-blocking read.
    srv.set_nonblocking(false).unwrap();
    srv.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    println!("read_timeout: {:?}", srv.read_timeout().unwrap());
    let mut buf = [0u8; 16];
    match srv.read(&mut buf) {
        Ok(n) => println!("read with timeout: {} bytes", n),
        Err(e) => println!("read with timeout: {:?}", e.kind()),
    }
    srv.set_nonblocking(true).unwrap();
    match srv.read(&mut buf) {
        Ok(n) => println!("non-blocking read: {} bytes", n),
        Err(e) => println!("non-blocking read: {:?}", e.kind()),
    }
    srv.set_nonblocking(false).unwrap();

    // peek leaves the data; options read back.
    (&c).write_all(b"peekaboo").unwrap();
    let n = srv.peek(&mut buf).unwrap();
    println!("peek: {:?}", String::from_utf8_lossy(&buf[..n]));
    let n = srv.read(&mut buf).unwrap();
    println!("read after peek: {:?}", String::from_utf8_lossy(&buf[..n]));
    c.set_nodelay(true).unwrap();
    c.set_ttl(33).unwrap();
    println!("nodelay {} ttl {}", c.nodelay().unwrap(), c.ttl().unwrap());
    println!("take_error: {:?}", c.take_error().unwrap().map(|e| e.kind()));

    // The peer closes: read gives 0 and the peer's name is still known (CLOSE_WAIT); writing
    // after the peer is gone eventually fails.
    drop(c);
    println!("read after peer closed: {} bytes", srv.read(&mut buf).unwrap());
    println!("peer_addr after the peer closed: {:?}", srv.peer_addr().map(|a| a.ip().is_loopback()).map_err(|e| e.kind()));
    let mut write_err = None;
    for _ in 0..100 {
        if let Err(e) = srv.write_all(b"into the void") {
            write_err = Some(e.kind());
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    println!("write after peer closed: {:?}", write_err);

    // Both sides shut down writing: the connection is over and has no peer any more.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
    let (s, _) = l.accept().unwrap();
    c.shutdown(Shutdown::Write).unwrap();
    println!("peer_addr after our FIN only: {:?}", c.peer_addr().map(|a| a.ip().is_loopback()).map_err(|e| e.kind()));
    println!("server read: {} bytes", (&s).read(&mut buf).unwrap());
    s.shutdown(Shutdown::Write).unwrap();
    println!("client read: {} bytes", (&c).read(&mut buf).unwrap());
    println!("peer_addr after both FINs (client): {:?}", c.peer_addr().map(|a| a.ip().is_loopback()).map_err(|e| e.kind()));
    println!("peer_addr after both FINs (server): {:?}", s.peer_addr().map(|a| a.ip().is_loopback()).map_err(|e| e.kind()));
    println!("local_addr after both FINs: {}", c.local_addr().map(|a| a.ip().is_loopback()).unwrap_or(false));

    // connect_timeout to a listening address succeeds.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let ok = TcpStream::connect_timeout(&l.local_addr().unwrap(), Duration::from_secs(10));
    println!("connect_timeout to a listener: {}", ok.is_ok());
    let bad: SocketAddr = "127.0.0.1:0".parse().unwrap();
    match TcpStream::connect(bad) {
        Ok(_) => println!("connect to port 0: connected"),
        Err(e) => println!("connect to port 0: {:?}", e.kind()),
    }
}

fn udp() {
    for any in ["127.0.0.1:0", "[::1]:0"] {
        let a = UdpSocket::bind(any).unwrap();
        let b = UdpSocket::bind(any).unwrap();
        let (aa, ba) = (a.local_addr().unwrap(), b.local_addr().unwrap());
        a.send_to(b"ping", ba).unwrap();
        let mut buf = [0u8; 64];
        let (n, from) = b.recv_from(&mut buf).unwrap();
        println!("[{}] b got {:?} from a: {}", any, String::from_utf8_lossy(&buf[..n]), from == aa);
        b.send_to(b"pong", from).unwrap();
        let (n, from) = a.recv_from(&mut buf).unwrap();
        println!("[{}] a got {:?} from b: {}", any, String::from_utf8_lossy(&buf[..n]), from == ba);

        // Datagram boundaries are kept; a short buffer truncates.
        for m in ["one", "two two", "three three three"] {
            a.send_to(m.as_bytes(), ba).unwrap();
        }
        let mut small = [0u8; 5];
        let mut got = Vec::new();
        for _ in 0..3 {
            let n = b.recv(&mut small).unwrap();
            got.push(String::from_utf8_lossy(&small[..n]).to_string());
        }
        println!("[{}] boundaries with a 5-byte buffer: {:?}", any, got);

        // Connected sockets: send/recv, peek.
        a.connect(ba).unwrap();
        b.connect(aa).unwrap();
        a.send(b"connected").unwrap();
        let n = b.peek(&mut buf).unwrap();
        println!("[{}] peek {:?}", any, String::from_utf8_lossy(&buf[..n]));
        let n = b.recv(&mut buf).unwrap();
        println!("[{}] recv {:?} peer ok {}", any, String::from_utf8_lossy(&buf[..n]), b.peer_addr().unwrap() == aa);

        // Timeouts and non-blocking.
        b.set_read_timeout(Some(Duration::from_millis(40))).unwrap();
        match b.recv(&mut buf) {
            Ok(n) => println!("[{}] recv with timeout: {} bytes", any, n),
            Err(e) => println!("[{}] recv with timeout: {:?}", any, e.kind()),
        }
        b.set_nonblocking(true).unwrap();
        match b.recv(&mut buf) {
            Ok(n) => println!("[{}] non-blocking recv: {} bytes", any, n),
            Err(e) => println!("[{}] non-blocking recv: {:?}", any, e.kind()),
        }
    }

    // Sending to a closed port on a connected socket: the error comes back on a later call.
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let gone = UdpSocket::bind("127.0.0.1:0").unwrap();
    let gone_addr = gone.local_addr().unwrap();
    drop(gone);
    a.connect(gone_addr).unwrap();
    a.send(b"anyone?").unwrap();
    a.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 8];
    let r: io::Result<usize> = a.recv(&mut buf);
    println!("recv after sending to a closed port: {:?}", r.map_err(|e| e.kind()));

    // Broadcast flag and TTL read back.
    a.set_broadcast(true).unwrap();
    a.set_ttl(7).unwrap();
    println!("broadcast {} ttl {}", a.broadcast().unwrap(), a.ttl().unwrap());
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("tcp") => tcp(),
        Some("tcp-errors") => tcp_errors(),
        Some("udp") => udp(),
        _ => {
            eprintln!("usage: net tcp|tcp-errors|udp");
            std::process::exit(2);
        }
    }
}
