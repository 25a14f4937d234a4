/*
 * NUMA memory policy on a one-node machine: set_mempolicy/get_mempolicy (modes, mode flags, node
 * masks and their sizes), mbind on a mapping and get_mempolicy(MPOL_F_ADDR) of it, move_pages
 * queries, migrate_pages, and the errors for bad modes, masks, flags and addresses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_NODE 1
#define MPOL_F_ADDR 2
#define MPOL_F_MEMS_ALLOWED 4

static const char *e(long r) { return r < 0 ? strerrorname_np(errno) : "ok"; }

static long setpol(int mode, unsigned long *mask, unsigned long maxnode) { return syscall(SYS_set_mempolicy, mode, mask, maxnode); }
static long getpol(int *mode, unsigned long *mask, unsigned long maxnode, void *addr, unsigned long flags) {
    return syscall(SYS_get_mempolicy, mode, mask, maxnode, addr, flags);
}

static void show(const char *label) {
    int mode = -1;
    unsigned long mask[2] = {~0UL, ~0UL};
    long r = getpol(&mode, mask, 128, NULL, 0);
    printf("%s: get %s mode %d mask %lx %lx\n", label, e(r), mode, mask[0], mask[1]);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    unsigned long node0 = 1, node1 = 2, both = 3, none = 0;
    show("initial");
    printf("default with no mask: %s\n", e(setpol(MPOL_DEFAULT, NULL, 0)));
    printf("default with node 0: %s\n", e(setpol(MPOL_DEFAULT, &node0, 64)));
    printf("bind node 0: %s\n", e(setpol(MPOL_BIND, &node0, 64)));
    show("after bind");
    printf("bind node 1: %s\n", e(setpol(MPOL_BIND, &node1, 64)));
    printf("bind nodes 0-1: %s\n", e(setpol(MPOL_BIND, &both, 64)));
    show("after bind 0-1");
    printf("bind empty: %s\n", e(setpol(MPOL_BIND, &none, 64)));
    printf("interleave node 0: %s\n", e(setpol(MPOL_INTERLEAVE, &node0, 64)));
    show("after interleave");
    int node = -1;
    { const char *r_ = e(getpol(&node, NULL, 0, NULL, MPOL_F_NODE)); printf("next interleave node: %s %d\n", r_, node); }
    printf("preferred node 0: %s\n", e(setpol(MPOL_PREFERRED, &node0, 64)));
    show("after preferred");
    printf("MPOL_F_NODE without interleave: %s\n", e(getpol(&node, NULL, 0, NULL, MPOL_F_NODE)));
    printf("preferred empty (local): %s\n", e(setpol(MPOL_PREFERRED, NULL, 0)));
    show("after preferred empty");
    printf("local: %s\n", e(setpol(MPOL_LOCAL, NULL, 0)));
    show("after local");
    printf("local with a node: %s\n", e(setpol(MPOL_LOCAL, &node0, 64)));
    printf("bind static nodes 0-1: %s\n", e(setpol(MPOL_BIND | MPOL_F_STATIC_NODES, &both, 64)));
    show("after static");
    printf("static and relative: %s\n", e(setpol(MPOL_BIND | MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES, &node0, 64)));
    printf("mode 42: %s\n", e(setpol(42, &node0, 64)));
    printf("huge maxnode: %s\n", e(setpol(MPOL_BIND, &node0, 1UL << 20)));
    printf("mask fault: %s\n", e(setpol(MPOL_BIND, (unsigned long *)8, 64)));
    printf("back to default: %s\n", e(setpol(MPOL_DEFAULT, NULL, 0)));
    show("default again");

    int mode;
    unsigned long mask[2];
    printf("get bad flags: %s\n", e(getpol(&mode, mask, 128, NULL, 8)));
    printf("get maxnode 0 with mask: %s\n", e(getpol(&mode, mask, 0, NULL, 0)));
    printf("get addr without MPOL_F_ADDR: %s\n", e(getpol(&mode, mask, 128, &mode, 0)));
    memset(mask, 0xff, sizeof mask);
    { const char *r_ = e(getpol(&mode, mask, 128, NULL, MPOL_F_MEMS_ALLOWED)); printf("mems allowed: %s mode %d mask %lx\n", r_, mode, mask[0]); }
    printf("mems allowed with MPOL_F_NODE: %s\n", e(getpol(&mode, mask, 128, NULL, MPOL_F_MEMS_ALLOWED | MPOL_F_NODE)));

    long page = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1;
    printf("mbind bind node 0: %s\n", e(syscall(SYS_mbind, m, 2 * page, MPOL_BIND, &node0, 64, 0)));
    mode = -1;
    { const char *r_ = e(getpol(&mode, NULL, 0, m, MPOL_F_ADDR)); printf("policy at the range: %s mode %d\n", r_, mode); }
    mode = -1;
    { const char *r_ = e(getpol(&mode, NULL, 0, m + 3 * page, MPOL_F_ADDR)); printf("policy past it: %s mode %d\n", r_, mode); }
    node = -1;
    { const char *r_ = e(getpol(&node, NULL, 0, m, MPOL_F_ADDR | MPOL_F_NODE)); printf("node of the page: %s %d\n", r_, node); }
    printf("mbind unaligned: %s\n", e(syscall(SYS_mbind, m + 1, page, MPOL_BIND, &node0, 64, 0)));
    printf("mbind bad flags: %s\n", e(syscall(SYS_mbind, m, page, MPOL_BIND, &node0, 64, 0x100)));
    printf("mbind node 1: %s\n", e(syscall(SYS_mbind, m, page, MPOL_BIND, &node1, 64, 0)));
    printf("mbind zero length: %s\n", e(syscall(SYS_mbind, m, 0, MPOL_BIND, &node0, 64, 0)));
    printf("mbind default: %s\n", e(syscall(SYS_mbind, m, 2 * page, MPOL_DEFAULT, NULL, 0, 0)));
    mode = -1;
    { const char *r_ = e(getpol(&mode, NULL, 0, m, MPOL_F_ADDR)); printf("policy after default: %s mode %d\n", r_, mode); }
    munmap(m + 3 * page, page);
    printf("mbind over a hole: %s\n", e(syscall(SYS_mbind, m, 4 * page, MPOL_BIND, &node0, 64, 0)));
    printf("policy of unmapped: %s\n", e(getpol(&mode, NULL, 0, m + 3 * page, MPOL_F_ADDR)));

    void *pages[3] = {m, m + page, m + 3 * page};
    int status[3] = {99, 99, 99};
    { const char *r_ = e(syscall(SYS_move_pages, 0, 3, pages, NULL, status, 0)); printf("move_pages query: %s status %d %d %d\n", r_, status[0], status[1], status[2]); }
    int nodes[3] = {0, 0, 0};
    printf("move_pages bad flags: %s\n", e(syscall(SYS_move_pages, 0, 3, pages, nodes, status, 8)));
    int to1[1] = {1};
    printf("move_pages to node 1: %s\n", e(syscall(SYS_move_pages, 0, 1, pages, to1, status, 0)));
    printf("move_pages no such pid: %s\n", e(syscall(SYS_move_pages, 999999, 1, pages, NULL, status, 0)));
    printf("migrate_pages 0 -> 0: %ld\n", syscall(SYS_migrate_pages, 0, 64, &node0, &node0));
    printf("migrate_pages no such pid: %s\n", e(syscall(SYS_migrate_pages, 999999, 64, &node0, &node0)));
    return 0;
}
