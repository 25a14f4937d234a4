// Rust std threads: spawn/join, Mutex, Condvar, RwLock, Barrier, mpsc channels (unbounded,
// bounded, rendezvous, timeouts, disconnection), scoped threads, park/unpark, thread-locals,
// names and a panicking thread seen through join. Every line printed is deterministic.
//   threads CASE   (mutex | condvar | channels | sync | misc)

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Barrier, Condvar, Mutex, RwLock};
use std::thread;
use std::time::Duration;

fn mutex() {
    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let c = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..5000 {
                    *c.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    println!("mutex counter: {}", *counter.lock().unwrap());
    println!("strong count after joins: {}", Arc::strong_count(&counter));

    // try_lock while another thread holds the lock.
    let m = Arc::new(Mutex::new(()));
    let held = Arc::new(Barrier::new(2));
    let release = Arc::new(Barrier::new(2));
    let (m2, h2, r2) = (Arc::clone(&m), Arc::clone(&held), Arc::clone(&release));
    let t = thread::spawn(move || {
        let _g = m2.lock().unwrap();
        h2.wait();
        r2.wait();
    });
    held.wait();
    println!("try_lock while held: {}", if m.try_lock().is_err() { "WouldBlock" } else { "acquired" });
    release.wait();
    t.join().unwrap();
    println!("try_lock after release: {}", if m.try_lock().is_ok() { "acquired" } else { "WouldBlock" });

    // A thread that panics holding the lock poisons it.
    let p = Arc::new(Mutex::new(5));
    let p2 = Arc::clone(&p);
    let r = thread::spawn(move || {
        let _g = p2.lock().unwrap();
        panic!("poisoning on purpose");
    })
    .join();
    println!("panicking thread joined as error: {}", r.is_err());
    println!("mutex poisoned: {}", p.is_poisoned());
    let v = match p.lock() {
        Ok(g) => *g,
        Err(e) => *e.into_inner(),
    };
    println!("value recovered from poison: {}", v);
}

fn condvar() {
    // A bounded queue: two producers, two consumers, two condition variables.
    struct Queue {
        items: Mutex<(VecDeque<u32>, usize)>,
        not_empty: Condvar,
        not_full: Condvar,
    }
    let q = Arc::new(Queue { items: Mutex::new((VecDeque::new(), 0)), not_empty: Condvar::new(), not_full: Condvar::new() });
    const CAP: usize = 4;
    const PER_PRODUCER: u32 = 500;
    let mut producers = Vec::new();
    for p in 0..2u32 {
        let q = Arc::clone(&q);
        producers.push(thread::spawn(move || {
            for i in 0..PER_PRODUCER {
                let mut g = q.items.lock().unwrap();
                while g.0.len() == CAP {
                    g = q.not_full.wait(g).unwrap();
                }
                g.0.push_back(p * 10000 + i);
                q.not_empty.notify_one();
            }
            let mut g = q.items.lock().unwrap();
            g.1 += 1;
            q.not_empty.notify_all();
        }));
    }
    let mut consumers = Vec::new();
    for _ in 0..2 {
        let q = Arc::clone(&q);
        consumers.push(thread::spawn(move || {
            let (mut count, mut sum) = (0u64, 0u64);
            loop {
                let mut g = q.items.lock().unwrap();
                while g.0.is_empty() && g.1 < 2 {
                    g = q.not_empty.wait(g).unwrap();
                }
                match g.0.pop_front() {
                    Some(v) => {
                        q.not_full.notify_one();
                        drop(g);
                        count += 1;
                        sum += v as u64;
                    }
                    None => return (count, sum),
                }
            }
        }));
    }
    for p in producers {
        p.join().unwrap();
    }
    let (mut count, mut sum) = (0, 0);
    for c in consumers {
        let (n, s) = c.join().unwrap();
        count += n;
        sum += s;
    }
    println!("condvar queue: {} items, sum {}", count, sum);

    // wait_timeout with nobody notifying times out; wait_while returns once the predicate holds.
    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let (lock, cv) = &*pair;
    let (g, res) = cv.wait_timeout(lock.lock().unwrap(), Duration::from_millis(30)).unwrap();
    println!("wait_timeout without notify: timed_out={} flag={}", res.timed_out(), *g);
    drop(g);
    let pair2 = Arc::clone(&pair);
    let setter = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        *pair2.0.lock().unwrap() = true;
        pair2.1.notify_all();
    });
    let g = cv.wait_while(lock.lock().unwrap(), |ready| !*ready).unwrap();
    println!("wait_while woke with flag={}", *g);
    drop(g);
    setter.join().unwrap();
}

fn channels() {
    // Many producers on one unbounded channel.
    let (tx, rx) = mpsc::channel();
    for id in 0..4u32 {
        let tx = tx.clone();
        thread::spawn(move || {
            for i in 0..25 {
                tx.send(id * 100 + i).unwrap();
            }
        });
    }
    drop(tx);
    let mut got: Vec<u32> = rx.iter().collect();
    got.sort();
    println!("channel: {} messages, first {:?}, last {:?}", got.len(), &got[..3], &got[got.len() - 3..]);

    // A bounded channel of capacity 2: try_send fills up, then Full.
    let (stx, srx) = mpsc::sync_channel::<u8>(2);
    let results: Vec<String> = (0..3)
        .map(|i| match stx.try_send(i) {
            Ok(()) => "ok".to_string(),
            Err(mpsc::TrySendError::Full(_)) => "full".to_string(),
            Err(mpsc::TrySendError::Disconnected(_)) => "disconnected".to_string(),
        })
        .collect();
    println!("sync_channel(2) try_send x3: {}", results.join(" "));
    println!("received: {} {}", srx.recv().unwrap(), srx.recv().unwrap());

    // A rendezvous channel: each send waits for its receive, so the order is strict.
    let (rtx, rrx) = mpsc::sync_channel::<String>(0);
    let log = Arc::new(Mutex::new(Vec::new()));
    let log2 = Arc::clone(&log);
    let sender = thread::spawn(move || {
        for w in ["alpha", "beta", "gamma"] {
            rtx.send(w.to_string()).unwrap();
            log2.lock().unwrap().push(format!("sent {}", w));
        }
    });
    let mut words = Vec::new();
    while let Ok(w) = rrx.recv() {
        words.push(w);
    }
    sender.join().unwrap();
    println!("rendezvous received: {}", words.join(","));
    println!("rendezvous sender log entries: {}", log.lock().unwrap().len());

    // Timeouts and disconnection.
    let (ttx, trx) = mpsc::channel::<i32>();
    println!("try_recv on empty: {}", matches!(trx.try_recv(), Err(TryRecvError::Empty)));
    println!("recv_timeout on empty: {}", matches!(trx.recv_timeout(Duration::from_millis(20)), Err(RecvTimeoutError::Timeout)));
    let late = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        ttx.send(7).unwrap();
    });
    println!("recv_timeout with a late sender: {:?}", trx.recv_timeout(Duration::from_secs(30)));
    late.join().unwrap();
    println!("recv after every sender is gone: {}", matches!(trx.recv_timeout(Duration::from_secs(30)), Err(RecvTimeoutError::Disconnected)));
    let (dtx, drx) = mpsc::channel::<i32>();
    drop(drx);
    println!("send to a dropped receiver: {}", dtx.send(1).is_err());
}

fn sync() {
    // RwLock: many readers together, a writer alone.
    let data = Arc::new(RwLock::new(vec![1, 2, 3]));
    let readers_inside = Arc::new(AtomicUsize::new(0));
    let max_readers = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(Barrier::new(4));
    let hs: Vec<_> = (0..4)
        .map(|_| {
            let (d, inside, max, gate) = (Arc::clone(&data), Arc::clone(&readers_inside), Arc::clone(&max_readers), Arc::clone(&gate));
            thread::spawn(move || {
                let g = d.read().unwrap();
                let n = inside.fetch_add(1, Ordering::SeqCst) + 1;
                max.fetch_max(n, Ordering::SeqCst);
                gate.wait(); // all four hold the read lock at once
                inside.fetch_sub(1, Ordering::SeqCst);
                g.iter().sum::<i32>()
            })
        })
        .collect();
    let sums: Vec<i32> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    println!("rwlock readers: sums {:?}, together {}", sums, max_readers.load(Ordering::SeqCst));
    data.write().unwrap().push(4);
    println!("after write: {:?}", *data.read().unwrap());

    // Barrier: exactly one leader per generation.
    let b = Arc::new(Barrier::new(5));
    let leaders = Arc::new(AtomicUsize::new(0));
    let hs: Vec<_> = (0..5)
        .map(|_| {
            let (b, l) = (Arc::clone(&b), Arc::clone(&leaders));
            thread::spawn(move || {
                for _ in 0..3 {
                    if b.wait().is_leader() {
                        l.fetch_add(1, Ordering::SeqCst);
                    }
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    println!("barrier leaders over 3 rounds: {}", leaders.load(Ordering::SeqCst));

    // Atomics under contention.
    let n = Arc::new(AtomicUsize::new(0));
    let hs: Vec<_> = (0..6)
        .map(|_| {
            let n = Arc::clone(&n);
            thread::spawn(move || {
                for _ in 0..10000 {
                    n.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    println!("atomic counter: {}", n.load(Ordering::SeqCst));
}

thread_local! {
    static PER_THREAD: Cell<u32> = Cell::new(0);
}

fn misc() {
    // Scoped threads borrow from the stack.
    let mut numbers = vec![1u64, 2, 3, 4, 5, 6, 7, 8];
    let total = AtomicUsize::new(0);
    thread::scope(|s| {
        for chunk in numbers.chunks_mut(3) {
            let total = &total;
            s.spawn(move || {
                for x in chunk.iter_mut() {
                    *x *= 10;
                }
                total.fetch_add(chunk.iter().sum::<u64>() as usize, Ordering::SeqCst);
            });
        }
    });
    println!("scoped threads: {:?} total {}", numbers, total.load(Ordering::SeqCst));

    // Names, a chosen stack size, and return values.
    let h = thread::Builder::new()
        .name("worker-7".into())
        .stack_size(256 * 1024)
        .spawn(|| {
            let big = [3u8; 100 * 1024];
            format!("{} {}", thread::current().name().unwrap_or("?"), big.iter().map(|&b| b as u32).sum::<u32>())
        })
        .unwrap();
    println!("named thread returned: {}", h.join().unwrap());
    println!("main thread name: {:?}", thread::current().name());
    println!("thread ids differ: {}", thread::spawn(|| thread::current().id()).join().unwrap() != thread::current().id());

    // Thread-locals start fresh in every thread.
    PER_THREAD.with(|c| c.set(41));
    let other = thread::spawn(|| PER_THREAD.with(|c| {
        c.set(c.get() + 1);
        c.get()
    }))
    .join()
    .unwrap();
    println!("thread_local: main {} other {}", PER_THREAD.with(|c| c.get()), other);

    // park/unpark: the unpark may come before or after the park; either way it returns.
    let flag = Arc::new(AtomicBool::new(false));
    let f2 = Arc::clone(&flag);
    let parked = thread::spawn(move || {
        while !f2.load(Ordering::SeqCst) {
            thread::park();
        }
        "unparked"
    });
    thread::sleep(Duration::from_millis(10));
    flag.store(true, Ordering::SeqCst);
    parked.thread().unpark();
    println!("park: {}", parked.join().unwrap());
    // Nobody unparks this thread: park_timeout returns by itself.
    thread::park_timeout(Duration::from_millis(20));
    println!("park_timeout returned");

    // Many short-lived threads.
    let hs: Vec<_> = (0..64).map(|i| thread::spawn(move || i * i)).collect();
    let s: u64 = hs.into_iter().map(|h| h.join().unwrap()).sum();
    println!("64 threads, sum of squares: {}", s);
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_default();
    match case.as_str() {
        "mutex" => mutex(),
        "condvar" => condvar(),
        "channels" => channels(),
        "sync" => sync(),
        "misc" => misc(),
        _ => {
            eprintln!("usage: threads mutex|condvar|channels|sync|misc");
            std::process::exit(2);
        }
    }
}
