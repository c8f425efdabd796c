/// One I/O-bound job: an HTTP/1.1 GET of `<base>/delay/<seconds>`.
///
/// Success is status 200 and a complete body.
public struct DelayRequestJob: Sendable, Hashable {
    /// The full URL fetched, for example `http://127.0.0.1:8080/delay/0.2`.
    public var url: HTTPURL
    /// How long the server waits before answering.
    public var delay: Double
    /// The longest the whole exchange may take.
    public var timeout: Duration

    /// A GET of `<base>/delay/<delay>`.
    public init(base: HTTPURL, delay: Double, timeout: Duration = .seconds(30)) {
        self.url = base.replacingTarget("/delay/\(Self.format(delay))")
        self.delay = delay
        self.timeout = timeout
    }

    /// `0.2` -> `"0.2"`, `1.0` -> `"1"`: the way httpbin paths are written.
    public static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Runs the job on the calling thread, which blocks while it waits.
    public func runBlocking() throws(HTTPClientError) -> DelayResponse {
        try DelayResponse(BlockingHTTPClient.get(url, timeout: timeout), url: url)
    }

    /// Runs the job without blocking a thread, on `client`'s event loop.
    public func run(using client: EventDrivenHTTPClient) async throws -> DelayResponse {
        try await DelayResponse(client.get(url, timeout: timeout), url: url)
    }
}

/// What a delay request returned: checked, so a wrong answer is an error.
public struct DelayResponse: Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var bodyBytes: Int

    public init(status: Int, bodyBytes: Int) {
        self.status = status
        self.bodyBytes = bodyBytes
    }

    /// Accepts only status 200 with a non-empty body (the client already
    /// checked the body is as long as the response said).
    init(_ response: HTTPResponse, url: HTTPURL) throws(HTTPClientError) {
        guard response.status == 200 else {
            throw .malformedResponse(url.description, reason: "status \(response.status), expected 200")
        }
        guard !response.body.isEmpty else {
            throw .malformedResponse(url.description, reason: "empty body")
        }
        self.init(status: response.status, bodyBytes: response.body.count)
    }

    public var description: String { "HTTP \(status), \(bodyBytes) B" }
}
