/* CPU time as a process sees it: getrusage's ru_utime and ru_stime, times(), and
 * CLOCK_PROCESS_CPUTIME_ID grow with computation and system calls, not with sleeping;
 * they stay within the wall-clock time; ITIMER_VIRTUAL (user time) and ITIMER_PROF (user
 * plus system) fire SIGVTALRM/SIGPROF while the process computes and never while it
 * sleeps; the CPU clocks step finely; a waited-for child's time shows in RUSAGE_CHILDREN and tms_cutime. Only
 * comparisons are printed, so the output is the same on any machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t vt, prof;
static void on_vt(int s) { (void)s; vt++; }
static void on_prof(int s) { (void)s; prof++; }

static double ms(struct timeval t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; }
static double clock_ms(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static volatile unsigned long sink;
/* Computes until the process has used `cpu` more milliseconds of CPU. */
static void compute(double cpu)
{
    double until = clock_ms(CLOCK_PROCESS_CPUTIME_ID) + cpu;
    while (clock_ms(CLOCK_PROCESS_CPUTIME_ID) < until)
        for (int i = 0; i < 20000; i++) sink += i * 7;
}

int main(void)
{
    struct rusage r0, r1, r2;
    getrusage(RUSAGE_SELF, &r0);
    double wall0 = clock_ms(CLOCK_MONOTONIC);
    compute(300);
    double wall1 = clock_ms(CLOCK_MONOTONIC);
    getrusage(RUSAGE_SELF, &r1);
    double used = ms(r1.ru_utime) + ms(r1.ru_stime) - ms(r0.ru_utime) - ms(r0.ru_stime);
    printf("computing 300 ms: rusage grew at least 250 ms: %d, not more than the wall time: %d\n", used >= 250, used <= wall1 - wall0 + 20);
    printf("user time is most of it: %d\n", ms(r1.ru_utime) - ms(r0.ru_utime) >= used / 2);

    /* The CPU clock has fine steps (it counts up to the call, not to the last time slice). */
    double a = clock_ms(CLOCK_PROCESS_CPUTIME_ID), b2;
    while ((b2 = clock_ms(CLOCK_PROCESS_CPUTIME_ID)) == a) ;
    double ta = clock_ms(CLOCK_THREAD_CPUTIME_ID), tb;
    while ((tb = clock_ms(CLOCK_THREAD_CPUTIME_ID)) == ta) ;
    printf("the CPU clocks step by under 1 ms: process %d, thread %d\n", b2 - a < 1, tb - ta < 1);

    /* Sleeping uses no CPU. */
    double c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    usleep(300000);
    getrusage(RUSAGE_SELF, &r2);
    printf("sleeping 300 ms: CPU clock grew under 50 ms: %d, rusage under 50 ms: %d\n",
           clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0 < 50, ms(r2.ru_utime) + ms(r2.ru_stime) - ms(r1.ru_utime) - ms(r1.ru_stime) < 50);

    /* System calls are system time. */
    struct rusage s0, s1;
    getrusage(RUSAGE_SELF, &s0);
    double w0 = clock_ms(CLOCK_MONOTONIC);
    while (clock_ms(CLOCK_MONOTONIC) - w0 < 300) getppid();
    getrusage(RUSAGE_SELF, &s1);
    printf("300 ms of getppid: some system time: %d\n", ms(s1.ru_stime) > ms(s0.ru_stime));

    /* times() agrees with getrusage (ticks of 1/CLK_TCK s). */
    struct tms t;
    clock_t now = times(&t);
    long tck = sysconf(_SC_CLK_TCK);
    struct rusage r3;
    getrusage(RUSAGE_SELF, &r3);
    double tms_ms = (t.tms_utime + t.tms_stime) * 1000.0 / tck;
    double ru_ms = ms(r3.ru_utime) + ms(r3.ru_stime);
    printf("times: returns a tick count %d, CLK_TCK %ld, agrees with getrusage within 30 ms: %d\n", now != (clock_t)-1, tck, tms_ms <= ru_ms + 30 && tms_ms >= ru_ms - 30);

    /* ITIMER_VIRTUAL and ITIMER_PROF: fire while computing, not while sleeping. */
    signal(SIGVTALRM, on_vt);
    signal(SIGPROF, on_prof);
    struct itimerval iv = { { 0, 50000 }, { 0, 50000 } };
    setitimer(ITIMER_VIRTUAL, &iv, NULL);
    setitimer(ITIMER_PROF, &iv, NULL);
    struct itimerval g;
    getitimer(ITIMER_VIRTUAL, &g);
    printf("getitimer: interval 50 ms %d, value within it %d\n", g.it_interval.tv_usec == 50000, g.it_value.tv_sec == 0 && g.it_value.tv_usec > 0 && g.it_value.tv_usec <= 60000);
    usleep(300000);
    printf("while sleeping 300 ms: SIGVTALRM %d SIGPROF %d\n", vt, prof);
    compute(400);
    printf("while computing 400 ms: SIGVTALRM 3..16: %d, SIGPROF 3..16: %d\n", vt >= 3 && vt <= 16, prof >= 3 && prof <= 16);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_VIRTUAL, &off, NULL);
    setitimer(ITIMER_PROF, &off, NULL);
    int before = vt;
    compute(150);
    printf("after disarming: no more SIGVTALRM %d\n", vt == before);

    /* A child's CPU time shows once it is waited for. */
    struct rusage ch0, ch1;
    getrusage(RUSAGE_CHILDREN, &ch0);
    pid_t c = fork();
    if (c == 0) {
        compute(200);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    getrusage(RUSAGE_CHILDREN, &ch1);
    struct tms t2;
    times(&t2);
    double child = ms(ch1.ru_utime) + ms(ch1.ru_stime) - ms(ch0.ru_utime) - ms(ch0.ru_stime);
    printf("child computed 200 ms: RUSAGE_CHILDREN grew 150..1000 ms: %d, tms_cutime too: %d\n", child >= 150 && child <= 1000,
           (t2.tms_cutime + t2.tms_cstime) * 1000.0 / tck >= 150);
    printf("getrusage(99): %d %s\n", getrusage(99, &ch1), strerrorname_np(errno));
    return 0;
}
