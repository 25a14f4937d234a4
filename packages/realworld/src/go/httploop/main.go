// A net/http server and client in one program on 127.0.0.1: the server listens on port 0,
// the client makes GET and POST requests (keep-alive and a fresh connection), and the
// program prints what came back, then shuts the server down.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", r.URL.Query().Get("name"))
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Length", fmt.Sprint(len(b)))
		w.Write([]byte(strings.ToUpper(string(b))))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: mux}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 20 * time.Second}
	for _, name := range []string{"gopher", "akuma"} {
		resp, err := client.Get(base + "/hello?name=" + name)
		if err != nil {
			fmt.Println("get:", err)
			os.Exit(1)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, string(body))
	}
	resp, err := client.Post(base+"/echo", "text/plain", strings.NewReader(strings.Repeat("abc", 10000)))
	if err != nil {
		fmt.Println("post:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Length"), len(body), string(body[:9]))
	resp, err = client.Get(base + "/missing")
	if err == nil {
		fmt.Println(resp.StatusCode)
		resp.Body.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fmt.Println("shutdown:", srv.Shutdown(ctx))
	fmt.Println("serve returned:", <-done)
}
