// The same trivial server on Boost.Beast 1.74 (Debian): asynchronous, one io_context run by
// THREADS threads, keep-alive, TCP_NODELAY on accepted sockets.
//   beast_trivial PORT THREADS
#include <utility>  // Boost 1.74's asio uses std::exchange without including it (C++20, GCC 12)

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <memory>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Session : std::enable_shared_from_this<Session> {
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::response<http::string_body> response;
  explicit Session(tcp::socket socket) : stream(std::move(socket)) {}

  void read() {
    request = {};
    stream.expires_after(std::chrono::seconds(30));
    http::async_read(stream, buffer, request, [self = shared_from_this()](beast::error_code error, size_t) {
      if (!error) self->answer();
    });
  }
  void answer() {
    response = {};
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    response.result(http::status::ok);
    response.set(http::field::content_type, "application/json");
    response.body() = "{\"verdict\":\"cleared\"}";
    response.prepare_payload();
    http::async_write(stream, response, [self = shared_from_this()](beast::error_code error, size_t) {
      if (error) return;
      if (!self->response.keep_alive()) {
        self->stream.socket().shutdown(tcp::socket::shutdown_send, error);
        return;
      }
      self->read();
    });
  }
};

void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&](beast::error_code error, tcp::socket socket) {
    if (!error) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket))->read();
    }
    accept(acceptor);
  });
}

int main(int argc, char** argv) {
  int port = argc > 1 ? std::atoi(argv[1]) : 18081;
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  asio::io_context io(threads);
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  accept(acceptor);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { io.run(); });
  io.run();
}
