// select with time.After: a slow worker loses to the timeout, a fast one wins; a ticker ticks three times.
package main

import (
	"fmt"
	"time"
)

func worker(d time.Duration) chan string {
	c := make(chan string, 1)
	go func() {
		time.Sleep(d)
		c <- "done"
	}()
	return c
}

func main() {
	select {
	case r := <-worker(2 * time.Second):
		fmt.Println("slow worker:", r)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("slow worker: timeout")
	}
	select {
	case r := <-worker(10 * time.Millisecond):
		fmt.Println("fast worker:", r)
	case <-time.After(5 * time.Second):
		fmt.Println("fast worker: timeout")
	}
	tk := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-tk.C
	}
	tk.Stop()
	fmt.Println("ticked 3 times")
}
