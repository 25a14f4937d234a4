// Rust std's view of its process: arguments, the environment (read, set, removed), the
// working directory, standard input read line by line, clocks, exit codes, and what a panic
// does (exit status 101 from the main thread; a panicking thread is only an Err at join;
// catch_unwind; abort is SIGABRT).
//   env CASE [ARGS...]   (args | vars | cwd | stdin | time | exit N | panic | panic-thread | catch | abort)

use std::env;
use std::io::{self, BufRead, Write};
use std::panic;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let mut args = env::args();
    let _me = args.next();
    let case = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match case.as_str() {
        "args" => {
            println!("{} arguments after the case", rest.len());
            for (i, a) in rest.iter().enumerate() {
                println!("  [{}] {:?} ({} bytes)", i, a, a.len());
            }
            let os: Vec<_> = env::args_os().skip(2).collect();
            println!("args_os agrees: {}", os.iter().map(|s| s.to_string_lossy().to_string()).collect::<Vec<_>>() == rest);
        }
        "vars" => {
            // Only this test's variables: a runner may add its own (HOME, PATH, TERM).
            let mut vars: Vec<(String, String)> = env::vars().filter(|(k, _)| k.starts_with("RW_")).collect();
            vars.sort();
            for (k, v) in &vars {
                println!("{}={}", k, v);
            }
            println!("var(RW_ONE): {:?}", env::var("RW_ONE"));
            println!("var(RW_MISSING): {:?}", env::var("RW_MISSING").map_err(|e| e.to_string()));
            env::set_var("RW_SET", "set here");
            env::remove_var("RW_ONE");
            println!("after set/remove: RW_SET={:?} RW_ONE={:?}", env::var("RW_SET").ok(), env::var("RW_ONE").ok());
            let joined = env::join_paths(["/a", "/b/c"]).unwrap();
            println!("join_paths: {:?} split back: {:?}", joined, env::split_paths(&joined).collect::<Vec<_>>());
        }
        "cwd" => {
            env::set_current_dir("/").unwrap();
            println!("after chdir /: {}", env::current_dir().unwrap().display());
            env::set_current_dir("/proc/self").unwrap();
            println!("after chdir /proc/self: ends with a pid: {}", env::current_dir().unwrap().file_name().map(|n| n.to_string_lossy().chars().all(|c| c.is_ascii_digit())).unwrap_or(false));
            match env::set_current_dir("/nonexistent/dir") {
                Ok(()) => println!("chdir to a missing dir: ok"),
                Err(e) => println!("chdir to a missing dir: {:?}", e.kind()),
            }
            println!("temp_dir: {}", env::temp_dir().display());
        }
        "stdin" => {
            let stdin = io::stdin();
            let (mut lines, mut words, mut bytes) = (0, 0, 0);
            let mut longest = String::new();
            for line in stdin.lock().lines() {
                let line = line.unwrap();
                lines += 1;
                words += line.split_whitespace().count();
                bytes += line.len() + 1;
                if line.len() > longest.len() {
                    longest = line.clone();
                }
            }
            println!("{} lines, {} words, {} bytes; longest {:?}", lines, words, bytes, longest);
            let out = io::stdout();
            let mut o = out.lock();
            for i in 0..3 {
                write!(o, "{} ", i).unwrap();
            }
            writeln!(o).unwrap();
        }
        "time" => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            println!("system time after 2020: {}", now > Duration::from_secs(1_577_836_800));
            let t0 = Instant::now();
            std::thread::sleep(Duration::from_millis(30));
            let dt = t0.elapsed();
            println!("sleep(30ms) took at least 30ms: {}", dt >= Duration::from_millis(30));
            let a = Instant::now();
            let b = Instant::now();
            println!("monotonic: {}", b >= a);
        }
        "exit" => {
            println!("exiting with {}", rest[0]);
            io::stdout().flush().unwrap();
            std::process::exit(rest[0].parse().unwrap());
        }
        "panic" => {
            println!("before the panic");
            let v: Vec<u32> = Vec::new();
            let i = rest.len() + 3;
            println!("unreachable: {}", v[i]);
        }
        "panic-thread" => {
            let r = std::thread::spawn(|| {
                panic!("thread gives up");
            })
            .join();
            let msg = r.unwrap_err().downcast_ref::<&str>().map(|s| s.to_string());
            println!("thread's panic payload: {:?}", msg);
            println!("main goes on and exits 0");
        }
        "catch" => {
            panic::set_hook(Box::new(|_| {}));
            let r = panic::catch_unwind(|| {
                let s: Option<u8> = None;
                s.expect("nothing there")
            });
            println!("catch_unwind: is_err {}", r.is_err());
            let r = panic::catch_unwind(|| 5);
            println!("catch_unwind without panic: {:?}", r.ok());
            let _ = panic::take_hook();
            let x: Result<u8, String> = Err("bad".into());
            println!("now panicking for real");
            x.unwrap();
        }
        "abort" => {
            println!("aborting");
            io::stdout().flush().unwrap();
            std::process::abort();
        }
        _ => {
            eprintln!("usage: env args|vars|cwd|stdin|time|exit N|panic|panic-thread|catch|abort");
            std::process::exit(2);
        }
    }
}
