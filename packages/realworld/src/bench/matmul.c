/* matmul: a floating-point benchmark for the emulator's FP/SIMD path (npm run bench).
 *
 * Multiplies two N x N matrices of doubles REPS times (each product fed back into the
 * next, so no pass can be skipped) and prints a checksum. Built with gcc -O2, whose
 * vectoriser turns the inner loop into 2-lane ld1/fmla/st1 on Q registers: the loads,
 * stores and vector arithmetic a hot numeric loop uses. The arrays are static, so the
 * compiler knows they do not alias and needs no run-time check. The output is compared
 * with qemu-aarch64's (test/realworld/bench.test.ts).
 *
 *   matmul [REPS]   (default 40; about 1.5e8 instructions at the default)
 */
#include <stdio.h>
#include <stdlib.h>

#define N 96

static double a[N][N], b[N][N], c[N][N];

static void multiply(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) c[i][j] = 0.0;
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
        }
    }
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 40;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)((i * 7 + j * 3) % 17) / 16.0 - 0.5;
            b[i][j] = (double)((i * 5 + j * 11) % 13) / 12.0 - 0.5;
        }
    for (int r = 0; r < reps; r++) {
        multiply();
        /* Feed the product back, scaled by its largest magnitude so the values stay near 1. */
        double big = 1e-300;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double m = c[i][j] < 0 ? -c[i][j] : c[i][j];
                if (m > big) big = m;
            }
        double scale = 1.0 / big;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) a[i][j] = c[i][j] * scale;
    }
    double sum = 0.0, diag = 0.0;
    for (int i = 0; i < N; i++) {
        diag += c[i][i];
        for (int j = 0; j < N; j++) sum += c[i][j];
    }
    printf("matmul %d reps: sum %.9e trace %.9e\n", reps, sum, diag);
    return 0;
}
