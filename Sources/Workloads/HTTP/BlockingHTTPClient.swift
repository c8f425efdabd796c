/// A lean HTTP/1.1 client over a blocking socket, for the thread-based models.
///
/// One GET per connection (`Connection: close`); the calling thread sleeps in
/// `poll(2)` while it waits, so a waiting request costs no CPU.
public enum BlockingHTTPClient {
    /// GETs `url`, waiting at most `timeout` for the whole exchange.
    public static func get(_ url: HTTPURL, timeout: Duration) throws(HTTPClientError) -> HTTPResponse {
        fatalError("stub")
    }
}
