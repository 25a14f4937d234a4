// A TCP echo server with one goroutine per connection and several client goroutines at
// once on 127.0.0.1, using the net package's poller (epoll underneath); a dial to a closed
// port is refused.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"sort"
	"sync"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					c.Write([]byte("echo: " + line))
				}
			}(c)
		}
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var results []string
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				mu.Lock()
				results = append(results, "dial: "+err.Error())
				mu.Unlock()
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for j := 0; j < 5; j++ {
				fmt.Fprintf(c, "client %d line %d\n", i, j)
				line, err := r.ReadString('\n')
				if err != nil {
					mu.Lock()
					results = append(results, "read: "+err.Error())
					mu.Unlock()
					return
				}
				mu.Lock()
				results = append(results, line[:len(line)-1])
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	sort.Strings(results)
	for _, r := range results {
		fmt.Println(r)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = net.Dial("tcp", addr)
	fmt.Println("dial after close refused:", err != nil)
}
