// Rust std::process: a child's output captured, its exit status and its signal, stdin piped
// in, a pipeline between two children, the child's environment and working directory, kill
// and try_wait, and the errors spawn reports for a program that is missing or not
// executable. The children are this program again (std::env::current_exe), run with a role.
//   process            the parent's checks
//   process ROLE ...   one child's role (echo, upper, env, cwd, exit, abort, sleep)

use std::env;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::process::{self, Command, Stdio};

fn child(role: &str, rest: &[String]) -> ! {
    match role {
        "echo" => {
            println!("child stdout: {}", rest.join(" "));
            eprintln!("child stderr: {}", rest.len());
            process::exit(3);
        }
        "upper" => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).unwrap();
            print!("{}", s.to_uppercase());
            process::exit(0);
        }
        "env" => {
            let mut vars: Vec<(String, String)> = env::vars().collect();
            vars.sort();
            for (k, v) in vars {
                println!("{}={}", k, v);
            }
            process::exit(0);
        }
        "cwd" => {
            println!("{}", env::current_dir().unwrap().display());
            process::exit(0);
        }
        "exit" => process::exit(rest[0].parse().unwrap()),
        "abort" => process::abort(),
        "sleep" => {
            std::thread::sleep(std::time::Duration::from_secs(60));
            process::exit(0);
        }
        _ => process::exit(99),
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() > 1 {
        child(&args[1], &args[2..]);
    }
    let me = env::current_exe().expect("current_exe");

    // output(): both streams captured, the exit code kept.
    let out = Command::new(&me).args(["echo", "one", "two"]).output().unwrap();
    println!("output: stdout {:?}", String::from_utf8_lossy(&out.stdout));
    println!("output: stderr {:?}", String::from_utf8_lossy(&out.stderr));
    println!("output: status code {:?} success {}", out.status.code(), out.status.success());

    // Exit codes through status().
    for code in [0, 1, 42, 255] {
        let st = Command::new(&me).args(["exit", &code.to_string()]).status().unwrap();
        println!("status(): exit {} -> code {:?}", code, st.code());
    }

    // A child killed by a signal has no code, only the signal.
    let st = Command::new(&me).arg("abort").stderr(Stdio::null()).status().unwrap();
    println!("abort: code {:?} signal {:?}", st.code(), st.signal());

    // stdin piped in, stdout read back.
    let mut c = Command::new(&me).arg("upper").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(b"piped through a child\n").unwrap();
    let out = c.wait_with_output().unwrap();
    println!("stdin piped: {:?}", String::from_utf8_lossy(&out.stdout));

    // A pipeline: one child's stdout is the next one's stdin.
    let first = Command::new(&me).args(["echo", "pipeline", "of", "two"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let second = Command::new(&me).arg("upper").stdin(Stdio::from(first.stdout.unwrap())).output().unwrap();
    println!("pipeline: {:?}", String::from_utf8_lossy(&second.stdout));

    // The child's environment and directory.
    let out = Command::new(&me).arg("env").env_clear().env("ALPHA", "1").env("BETA", "two words").output().unwrap();
    print!("env_clear + env:\n{}", String::from_utf8_lossy(&out.stdout));
    let out = Command::new(&me).arg("cwd").current_dir("/").output().unwrap();
    println!("current_dir(/): {}", String::from_utf8_lossy(&out.stdout).trim());

    // kill() and try_wait().
    let mut c = Command::new(&me).arg("sleep").spawn().unwrap();
    println!("try_wait while running: {:?}", c.try_wait().unwrap().map(|s| s.code()));
    c.kill().unwrap();
    let st = c.wait().unwrap();
    println!("after kill: code {:?} signal {:?}", st.code(), st.signal());
    println!("wait again: signal {:?}", c.wait().unwrap().signal());

    // What spawn reports for programs it cannot run.
    match Command::new("/nonexistent/program").spawn() {
        Ok(_) => println!("spawn /nonexistent/program: succeeded"),
        Err(e) => println!("spawn /nonexistent/program: {:?}: {}", e.kind(), e),
    }
    match Command::new("no-such-program-anywhere").env("PATH", "/nonexistent-dir").spawn() {
        Ok(_) => println!("spawn via PATH: succeeded"),
        Err(e) => println!("spawn via PATH: {:?}: {}", e.kind(), e),
    }
    let dir = env::temp_dir().join(format!("rust-process-{}", process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = dir.join("not-executable");
    std::fs::write(&plain, "#!/bin/sh\necho hi\n").unwrap();
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o644)).unwrap();
    match Command::new(&plain).spawn() {
        Ok(_) => println!("spawn a 0644 file: succeeded"),
        Err(e) => println!("spawn a 0644 file: {:?}: {}", e.kind(), e),
    }
    match Command::new(&dir).spawn() {
        Ok(_) => println!("spawn a directory: succeeded"),
        Err(e) => println!("spawn a directory: {:?}: {}", e.kind(), e),
    }
    std::fs::remove_dir_all(&dir).unwrap();

    println!("parent exits with 7");
    process::exit(7);
}
