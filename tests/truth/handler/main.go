// Defect 1 (continuation into the wrong parameter), the HTTP-handler shape, and the interface call
// and pointer-receiver method of its second half.
// How the truth is known, by construction:
//   - listUsers passes users only as the third argument of writeJSON, so the only way from users to
//     the heap is writeJSON's parameter v (w is never given it); v goes only into response{Data: v},
//     and that literal only into json.Marshal, whose explanation is not in this log (no all=).
//   - w leaks only through w.Header()/w.WriteHeader/w.Write: calls through the interface
//     http.ResponseWriter, where the compiler assumes the arguments escape.
//   - store is an interface-typed global: store.Put is an interface call, the compiler knows no callee.
//     direct is a *memStore: direct.Put(v) is a static call of (*memStore).Put, printed
//     (*memStore).Put(direct, v), v being its parameter u (index 1, the receiver is 0), which goes only
//     into append (a builtin).
//   - r.URL.Path is copied only into the User of line "u := &User{...}", never into the second one.
package main

import (
	"encoding/json"
	"net/http"
)

type User struct {
	Name string
	Age  int
}

type response struct {
	Code int
	Data interface{}
}

//go:noinline
func writeJSON(w http.ResponseWriter, code int, v interface{}) { // TRUTH: w leak x1: => stop:interface_call(w.Header) ;; v leak x1: -> storage(response{...}@35) => stop:not_in_log(json.Marshal)
	w.Header().Set("Content-Type", "application/json") // TRUTH: []string{...} escapes alloc x1: => heap
	w.WriteHeader(code)
	b, _ := json.Marshal(response{Code: code, Data: v}) // TRUTH: response{...} escapes alloc x1: => stop:not_in_log(json.Marshal)
	w.Write(b)
}

type Store interface {
	Put(u *User) // TRUTH: u block x1: => stop:interface_call
}

type memStore struct {
	users []*User
}

//go:noinline
func (s *memStore) Put(u *User) { // TRUTH: u leak x1: => stop:builtin(append) ;; s leak-content x1: => heap
	s.users = append(s.users, u) // TRUTH[1.27]: append escapes alloc x1: => heap
}

var store Store = &memStore{}
var direct = &memStore{}

func listUsers(w http.ResponseWriter, r *http.Request) { // TRUTH: w leak x1: -> writeJSON.w => stop:interface_call(w.Header)
	users := []User{{Name: "a", Age: 1}} // TRUTH: []User{...} escapes alloc x1: -> storage(users@57) -> writeJSON.v -> storage(response{...}@35) => stop:not_in_log(json.Marshal)
	writeJSON(w, 200, users)             // TRUTH: users escapes alloc x1: -> writeJSON.v -> storage(response{...}@35) => stop:not_in_log(json.Marshal)
}

func addUser(w http.ResponseWriter, r *http.Request) { // TRUTH: r leak-content x1: -> storage(&User{...}@61) => stop:interface_call(store.Put)
	u := &User{Name: r.URL.Path} // TRUTH: &User{...} escapes alloc x1: => stop:interface_call(store.Put)
	store.Put(u)
	v := &User{Name: "direct"} // TRUTH: &User{...} escapes alloc x1: -> (*memStore).Put.u => stop:builtin(append)
	direct.Put(v)
}

func main() {
	http.HandleFunc("/users", listUsers) // TRUTH[1.19]: `(interface {})(string("http: nil handler"))` escapes noalloc:constant x1: => stop:builtin(panic)
	http.HandleFunc("/add", addUser)     // TRUTH[1.19]: `(interface {})(string("http: nil handler"))` escapes noalloc:constant x1: => stop:builtin(panic)
	http.ListenAndServe(":8080", nil)    // TRUTH: &http.Server{...} escapes alloc x1: => stop:not_in_log((*http.Server).ListenAndServe)
}
