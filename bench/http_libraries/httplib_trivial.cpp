// A trivial POST /v1/check server on cpp-httplib 0.11 (Debian), to measure the library alone:
//   httplib_trivial MODE PORT THREADS
// MODE: default (as shipped), nodelay (set_tcp_nodelay(true)), sockopt (TCP_NODELAY through
// set_socket_options on the listening socket, which accepted sockets inherit).
#include <httplib.h>
#include <netinet/tcp.h>

#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "default";
  int port = argc > 2 ? std::atoi(argv[2]) : 18080;
  int threads = argc > 3 ? std::atoi(argv[3]) : 64;
  httplib::Server server;
  if (mode == "nodelay") server.set_tcp_nodelay(true);
  if (mode == "sockopt")
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    });
  // The defaults close a connection after 5 requests and serve 8 connections at once.
  server.set_keep_alive_max_count(1000);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.Post("/v1/check", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"verdict\":\"cleared\"}", "application/json");
  });
  server.listen("127.0.0.1", port);
}
