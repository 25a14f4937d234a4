// A pipeline of goroutines connected by channels: generate, square, sum.
package main

import "fmt"

func main() {
	nums := make(chan int)
	squares := make(chan int, 8)
	go func() {
		for i := 1; i <= 1000; i++ {
			nums <- i
		}
		close(nums)
	}()
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			for n := range nums {
				squares <- n * n
			}
			done <- struct{}{}
		}()
	}
	go func() {
		for w := 0; w < 4; w++ {
			<-done
		}
		close(squares)
	}()
	sum := 0
	for s := range squares {
		sum += s
	}
	fmt.Println("sum of squares 1..1000 =", sum)
}
